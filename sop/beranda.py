"""The SOP sections of the Beranda: SOPs waiting for the Kepala's pengesahan; a penyusun's drafts and returns."""

from django.db.models import F, OuterRef, QuerySet, Subquery

from sakip.beranda import Section, register_section
from sakip.models import User
from sakip.permissions import opds_with_role
from sop import permissions
from sop.models import Sop, SopStatusLog
from sop.selectors import sop_visible_to

LIMIT = 10  # rows a section lists; the SOP list has the rest


def awaiting_approval(user: User) -> QuerySet[Sop]:
    """Submitted SOPs of the OPDs where the user holds a role that may approve them."""
    qs = sop_visible_to(user).filter(status=Sop.Status.DIAJUKAN)
    if not user.is_superuser:
        # From the roles read once per request: most people approve nowhere, and then nothing is asked (the
        # navigation counts this on every page).
        approves_in = opds_with_role(user, permissions.ROLES_FOR_MOVE["approve"])
        qs = qs.filter(opd_id__in=approves_in) if approves_in else qs.none()
    return qs.select_related("opd").order_by("diubah_pada")


def drafts_of(user: User) -> QuerySet[Sop]:
    """The user's own drafts, those sent back first, each with the reason of its last return."""
    last_return = SopStatusLog.objects.filter(sop=OuterRef("pk"), dari=Sop.Status.DIAJUKAN, ke=Sop.Status.DRAFT)
    last_return = last_return.order_by("-waktu", "-pk")
    return (
        sop_visible_to(user)
        .filter(status=Sop.Status.DRAFT, dibuat_oleh=user)
        .select_related("opd")
        .annotate(
            alasan_kembali=Subquery(last_return.values("catatan")[:1]),
            dikembalikan_pada=Subquery(last_return.values("waktu")[:1]),
        )
        .order_by(F("dikembalikan_pada").desc(nulls_last=True), "-diubah_pada")  # PostgreSQL puts NULL first
    )


def _approval_context(user: User) -> dict:
    return {"items": list(awaiting_approval(user)[:LIMIT]), "title": "SOP menunggu pengesahan Anda"}


def _drafts_context(user: User) -> dict:
    return {"items": list(drafts_of(user)[:LIMIT]), "title": "Draf SOP Anda"}


def register() -> None:
    register_section(
        Section(
            "sop-approval", 10, "sop/beranda/_approval.html", _approval_context, lambda u: awaiting_approval(u).count()
        )
    )
    register_section(Section("sop-drafts", 30, "sop/beranda/_drafts.html", _drafts_context))
