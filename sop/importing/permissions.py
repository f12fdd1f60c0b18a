"""Who may import SOP documents: the admin of the OPD they go into, or a superuser."""

from django.db.models import QuerySet

from sakip.models import Keanggotaan, Opd, User
from sakip.permissions import has_role, opds_with_role

IMPORTERS = (Keanggotaan.Peran.ADMIN_OPD,)


def can_import(user: User | None, opd_id: int) -> bool:
    """None is the management command: whoever runs it already holds the server."""
    return user is None or has_role(user, opd_id, IMPORTERS)


def can_create_opd_from_kop(user: User | None) -> bool:
    """A new Pemda/OPD read from a document's kop is an installation-wide change."""
    return user is None or user.is_superuser


def importable_opds(user: User) -> QuerySet[Opd]:
    if user.is_superuser:
        return Opd.objects.select_related("pemda").order_by("pemda__nama", "nama")
    return (
        Opd.objects.filter(keanggotaan__user=user, keanggotaan__peran__in=IMPORTERS)
        .select_related("pemda")
        .distinct()
        .order_by("pemda__nama", "nama")
    )


def can_import_anywhere(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(opds_with_role(user, IMPORTERS))
