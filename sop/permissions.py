"""Who may do what with an SOP. Views, templates and transitions all ask here."""

from sakip.models import Keanggotaan, User
from sakip.permissions import has_role, is_member
from sop.models import Sop

Peran = Keanggotaan.Peran
AUTHORS = (Peran.PENYUSUN, Peran.ADMIN_OPD, Peran.VALIDATOR, Peran.SEKRETARIS)
APPROVERS = (Peran.KEPALA,)


def can_view(user: User, sop: Sop) -> bool:
    return is_member(user, sop.opd_id)


def can_create_in(user: User, opd_id: int) -> bool:
    return has_role(user, opd_id, AUTHORS)


def can_edit(user: User, sop: Sop) -> bool:
    return sop.status == Sop.Status.DRAFT and has_role(user, sop.opd_id, AUTHORS)


def can_submit(user: User, sop: Sop) -> bool:
    return sop.status == Sop.Status.DRAFT and has_role(user, sop.opd_id, AUTHORS)


def can_approve(user: User, sop: Sop) -> bool:
    return sop.status == Sop.Status.DIAJUKAN and has_role(user, sop.opd_id, APPROVERS)


def can_return(user: User, sop: Sop) -> bool:
    return sop.status == Sop.Status.DIAJUKAN and has_role(user, sop.opd_id, (*APPROVERS, Peran.SEKRETARIS))


def can_revise(user: User, sop: Sop) -> bool:
    return sop.status == Sop.Status.DISAHKAN and has_role(user, sop.opd_id, AUTHORS)
