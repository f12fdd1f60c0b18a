"""Passwords: a user changes their own; an OPD's admin resets a member's. Each change leaves an AkunLog row."""

from axes.utils import reset as axes_reset
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet

from sakip import permissions
from sakip.models import AkunLog, Keanggotaan, User
from sakip.nip import normalize_nip


def _set_password(user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    # A login held after failed attempts opens with the new password (the lockout message sends people here).
    name = user.username.casefold()
    transaction.on_commit(lambda: axes_reset(username=name), robust=True)


@transaction.atomic
def password_change(*, user: User, password: str) -> None:
    """The user's own new password; the form has checked the old one and the validators."""
    _set_password(user, password)
    AkunLog.objects.create(user=user, oleh=user, aksi=AkunLog.Aksi.GANTI_SENDIRI)


@transaction.atomic
def password_reset(*, actor: User, user: User, password: str) -> None:
    """A new password for a member of an OPD the actor administers, recorded with the actor as its author."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not permissions.may_reset_password(actor, user):
        raise PermissionDenied
    opd_id = None
    if not actor.is_superuser:
        opd_id = (
            Keanggotaan.objects.filter(user=user, opd_id__in=permissions.administered_opds(actor))
            .order_by("opd_id")
            .values_list("opd_id", flat=True)
            .first()
        )
    _set_password(user, password)
    AkunLog.objects.create(user=user, oleh=actor, opd_id=opd_id, aksi=AkunLog.Aksi.ATUR_ULANG)


def members_for_admin(*, actor: User, search: str = "") -> QuerySet[User]:
    """The accounts whose password the actor may reset, each with its roles in the actor's OPDs."""
    memberships = Keanggotaan.objects.select_related("opd").order_by("opd__nama", "peran")
    users = User.objects.filter(is_active=True, is_staff=False, is_superuser=False).exclude(pk=actor.pk)
    if not actor.is_superuser:
        opds = permissions.administered_opds(actor)
        users = users.filter(keanggotaan__opd_id__in=opds)
        memberships = memberships.filter(opd_id__in=opds)
    if search := search.strip():
        found = Q(username__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
        found |= Q(pegawai__nama__icontains=search)
        if (digits := normalize_nip(search)).isdigit():
            found |= Q(pegawai__nip__startswith=digits)
        users = users.filter(found)
    return (
        users.distinct()
        .select_related("pegawai")
        .prefetch_related(Prefetch("keanggotaan", queryset=memberships, to_attr="peran_di_opd"))
        .order_by("first_name", "last_name", "username")
    )


def password_set_in_admin(*, actor: User, user_id: int, before: str | None) -> None:
    """Record a password the superadmin set in the admin, when it did change (its form may have been refused)."""
    user = User.objects.filter(pk=user_id).first()
    if user is not None and before is not None and user.password != before:
        aksi = AkunLog.Aksi.GANTI_SENDIRI if user.pk == actor.pk else AkunLog.Aksi.ATUR_ULANG
        AkunLog.objects.create(user=user, oleh=actor, aksi=aksi)
