"""Who may fill, validate and unlock a unit's Form Pengukuran Kinerja.

Staff fill the form of the unit they work in (their Pegawai row's unit, or a sub-unit of it: a Subbidang's staff
fill their Bidang's indikator). The validator is the Kepala Bidang / Kasubbag — the validator role (or the
Sekretaris, who heads the sekretariat) of the OPD, working in the form's unit or the unit above it. Which moves a
state allows is FORM_STATES in transitions; `transitions.can` asks both.
"""

from sakip.models import Keanggotaan, Pegawai, UnitKerja, User
from sakip.permissions import has_role, is_member

Peran = Keanggotaan.Peran
VALIDATORS = (Peran.VALIDATOR, Peran.SEKRETARIS)
PK_EDITORS = (Peran.ADMIN_OPD, Peran.SEKRETARIS, Peran.KEPALA)


def own_unit(user: User) -> UnitKerja | None:
    """The unit of the user's Pegawai row, read once per request in one query (the Beranda, the badge in the
    navigation and each form's permissions all ask)."""
    if not user.is_authenticated:
        return None
    if "_own_unit" not in user.__dict__:
        pegawai = Pegawai.objects.filter(user=user, unit__isnull=False).select_related("unit").first()
        user.__dict__["_own_unit"] = pegawai.unit if pegawai is not None else None
    return user.__dict__["_own_unit"]


def works_in(user: User, unit: UnitKerja) -> bool:
    """The user's own unit is `unit` or one directly below it."""
    own = own_unit(user)
    return own is not None and (own.pk == unit.pk or own.induk_id == unit.pk)


def heads(user: User, unit: UnitKerja) -> bool:
    """The user's own unit is `unit` or the one directly above it."""
    own = own_unit(user)
    return own is not None and (own.pk == unit.pk or unit.induk_id == own.pk)


def may_fill(user: User, form) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return is_member(user, form.opd_id) and works_in(user, form.unit)


def may_validate(user: User, form) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return has_role(user, form.opd_id, VALIDATORS) and heads(user, form.unit)


def may_edit_pk(user: User, opd_id: int) -> bool:
    return has_role(user, opd_id, PK_EDITORS)


ROLES_FOR_MOVE = {
    "ajukan": may_fill,
    "validasi": may_validate,
    "kembalikan": may_validate,
    "buka": may_validate,
}


def may(user: User, move: str, form) -> bool:
    return ROLES_FOR_MOVE[move](user, form)
