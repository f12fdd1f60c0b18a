"""Reads of SOP documents; each selector fetches what its page shows in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from sakip.models import User
from sakip.selectors import visible_to
from sop.models import BukuSop, Langkah, Sop, SopItem, SopStatusLog


def sop_visible_to(user: User) -> QuerySet[Sop]:
    """SOPs of the OPDs the user belongs to; everything for a superuser."""
    return visible_to(user, Sop.objects.all())


def sop_list(*, user: User, q: str = "", opd_id: int | None = None, status: str = "") -> QuerySet[Sop]:
    qs = sop_visible_to(user).select_related("opd__pemda")
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(nomor__icontains=q))
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    # Superseded versions stay out of the default list; they are one filter away.
    qs = qs.filter(status=status) if status else qs.exclude(status=Sop.Status.DIGANTI)
    return qs.order_by("opd__nama", "nomor", "-versi")


def with_step_counts(sops) -> list[Sop]:
    """The SOPs of one page, each with `jumlah_langkah`: one grouped query over those rows only.

    Counting in the list query itself would group every visible SOP before the page is cut (a scan of all langkah).
    """
    sops = list(sops)
    counts = dict(
        Langkah.objects.filter(sop_id__in=[sop.pk for sop in sops])
        .values_list("sop_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for sop in sops:
        sop.jumlah_langkah = counts.get(sop.pk, 0)
    return sops


def sop_get(*, user: User, pk: int) -> Sop:
    """One SOP with everything its sheet shows; 404 for SOPs outside the user's OPDs."""
    qs = (
        sop_visible_to(user)
        .select_related("opd__pemda__syarat_pengajuan_sop", "pengesah", "revisi_dari")
        .prefetch_related(
            "pelaksana",
            Prefetch("langkah", queryset=Langkah.objects.select_related("pelaksana")),
            Prefetch("items", queryset=SopItem.objects.select_related("sop_terkait")),
        )
    )
    try:
        return qs.get(pk=pk)
    except Sop.DoesNotExist:
        raise Http404 from None


def sop_versions(*, sop: Sop) -> QuerySet[Sop]:
    return Sop.objects.filter(seri=sop.seri).only("pk", "versi", "status", "nomor", "tanggal_efektif").order_by("versi")


def sop_status_log(*, sop: Sop) -> QuerySet[SopStatusLog]:
    return sop.status_log.select_related("actor")


def buku_list(*, user: User) -> QuerySet[BukuSop]:
    return visible_to(user, BukuSop.objects.select_related("opd", "dibuat_oleh"))
