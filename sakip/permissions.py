"""Who belongs where. A user works only inside the OPDs they are a member of; superusers see all."""

from collections.abc import Iterable

from sakip.models import Keanggotaan, User

Peran = Keanggotaan.Peran


def _roles_by_opd(user: User) -> dict[int, set[str]]:
    """OPD id → the user's roles there. All of them are read once and kept on the user object for the request: a
    province-wide user asked about 500 OPDs costs one query, not 500."""
    roles = user.__dict__.get("_roles_by_opd")
    if roles is None:
        roles = {}
        for opd, peran in Keanggotaan.objects.filter(user=user).values_list("opd_id", "peran"):
            roles.setdefault(opd, set()).add(peran)
        user.__dict__["_roles_by_opd"] = roles
    return roles


def user_roles(user: User, opd_id: int) -> set[str]:
    """The roles a user holds in one OPD, from the roles read once per request."""
    return _roles_by_opd(user).get(opd_id, set())


def has_role(user: User, opd_id: int, roles: Iterable[str]) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(user_roles(user, opd_id) & set(roles))


def is_member(user: User, opd_id: int) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user, opd_id)))


def member_opds(user: User) -> set[int]:
    """The OPDs the user is a member of, from the roles read once per request (a superuser's are all, and are not
    listed here)."""
    if not user.is_authenticated:
        return set()
    return set(_roles_by_opd(user))


def opds_with_role(user: User, roles: Iterable[str]) -> set[int]:
    """The OPDs in which the user holds any of `roles`, from the roles read once per request (a superuser's are all,
    and are not listed here)."""
    if not user.is_authenticated:
        return set()
    wanted = set(roles)
    return {opd for opd, held in _roles_by_opd(user).items() if held & wanted}


def administered_opds(user: User) -> set[int]:
    """The OPDs in which the user holds the Admin OPD role (a superuser's are all, and are not listed here)."""
    return opds_with_role(user, [Peran.ADMIN_OPD])


def may_reset_password(actor: User, target: User) -> bool:
    """An OPD's admin resets the password of that OPD's members; never their own (they change it themselves),
    never an application administrator's (staff or superuser: the superadmin does that in the admin)."""
    if not actor.is_authenticated or not actor.is_active or target.pk == actor.pk:
        return False
    if target.is_superuser or target.is_staff:
        return False
    if actor.is_superuser:
        return True
    opds = administered_opds(actor)
    return bool(opds) and Keanggotaan.objects.filter(user=target, opd_id__in=opds).exists()


def may_manage_pengesah(user: User, opd_id: int) -> bool:
    """Who records an OPD's Plt./Plh. Kepala: its admin (and a superuser)."""
    return has_role(user, opd_id, [Peran.ADMIN_OPD])
