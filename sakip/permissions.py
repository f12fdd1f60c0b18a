"""Who belongs where. A user works only inside the OPDs they are a member of; superusers see all."""

from collections.abc import Iterable

from sakip.models import Keanggotaan, User

Peran = Keanggotaan.Peran


def user_roles(user: User, opd_id: int) -> set[str]:
    """The roles a user holds in one OPD, cached on the user object for the request."""
    cache = user.__dict__.setdefault("_roles_cache", {})
    if opd_id not in cache:
        cache[opd_id] = set(Keanggotaan.objects.filter(user=user, opd_id=opd_id).values_list("peran", flat=True))
    return cache[opd_id]


def has_role(user: User, opd_id: int, roles: Iterable[str]) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(user_roles(user, opd_id) & set(roles))


def is_member(user: User, opd_id: int) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user, opd_id)))
