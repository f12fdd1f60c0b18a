"""Who may make a move on an SOP, by their role in its OPD.

Which moves a state allows is the table `sop.transitions.SOP_STATES`; `sop.transitions.can(user, move, sop)`
asks both, and views, templates and the transitions themselves ask it.
"""

from sakip.models import Keanggotaan, User
from sakip.permissions import has_role
from sop.models import Sop

Peran = Keanggotaan.Peran
AUTHORS = (Peran.PENYUSUN, Peran.ADMIN_OPD, Peran.VALIDATOR, Peran.SEKRETARIS)
APPROVERS = (Peran.KEPALA,)

# The roles that may make each move of the SOP state table. A move not named here is made by the system
# (supersede follows the approval of a revision), never by a person directly.
ROLES_FOR_MOVE = {
    "edit": AUTHORS,
    "submit": AUTHORS,
    "return": (*APPROVERS, Peran.SEKRETARIS),
    "approve": APPROVERS,
    "revise": AUTHORS,
}


def may(user: User, move: str, sop: Sop) -> bool:
    """Whether the user's roles in the SOP's OPD allow `move` (whatever state the SOP is in)."""
    roles = ROLES_FOR_MOVE.get(move)
    return roles is not None and has_role(user, sop.opd_id, roles)


def can_create_in(user: User, opd_id: int) -> bool:
    return has_role(user, opd_id, AUTHORS)
