"""The kinerja section of the Beranda: per OPD the indikator by predikat, forms still missing, what waits here."""

from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from sakip.beranda import Section, register_section
from sakip.kinerja import permissions
from sakip.kinerja.models import FormPengukuran, PerjanjianKinerja, Realisasi, SasaranStrategis
from sakip.kinerja.report import ringkasan_laporan
from sakip.models import Keanggotaan, Pegawai, User
from sakip.permissions import opds_with_role
from sakip.selectors import opds_of

MAX_OPDS = 3
S = FormPengukuran.Status


def _waiting(user: User) -> list[FormPengukuran]:
    """Forms this user should act on: submitted ones to validate, returned ones to fix (the first 50)."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return []
    rows = FormPengukuran.objects.filter(_waiting_for(user)).select_related("unit__induk", "opd")
    return list(rows.order_by("tahun", "triwulan", "pk")[:50])


def pk_to_sign(user: User) -> list[PerjanjianKinerja]:
    """The Perjanjian Kinerja versions in force, still unsigned, of the OPDs this user heads (one query, none for
    someone who heads no OPD)."""
    if not user.is_authenticated or user.is_superuser:
        return []
    heads = opds_with_role(user, [Keanggotaan.Peran.KEPALA])
    if not heads:
        return []
    newer = PerjanjianKinerja.objects.filter(
        opd_id=OuterRef("opd_id"), tahun=OuterRef("tahun"), versi__gt=OuterRef("versi")
    )
    rows = PerjanjianKinerja.objects.filter(opd_id__in=heads, dokumen__isnull=True).exclude(Exists(newer))
    return list(rows.select_related("opd").order_by("-tahun", "opd__nama")[:MAX_OPDS])


def _waiting_for(user: User) -> Q:
    """Which forms wait for the user, in SQL: what `permissions.may_validate` and `may_fill` decide per form."""
    validator_of = Keanggotaan.objects.filter(user=user, peran__in=permissions.VALIDATORS).values("opd_id")
    member_of = Keanggotaan.objects.filter(user=user).values("opd_id")
    own = Subquery(Pegawai.objects.filter(user=user).values("unit_id")[:1])
    own_induk = Subquery(Pegawai.objects.filter(user=user).values("unit__induk_id")[:1])
    to_validate = Q(status=S.DIAJUKAN, opd_id__in=validator_of) & (Q(unit_id=own) | Q(unit__induk_id=own))
    to_fix = Q(status=S.DIKEMBALIKAN, opd_id__in=member_of) & (Q(unit_id=own) | Q(unit_id=own_induk))
    return to_validate | to_fix


def _count(user: User) -> int:
    """How many forms wait for this user, in one query (the badge is on every page)."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return 0
    return FormPengukuran.objects.filter(_waiting_for(user)).count()


def last_with_realisasi(opd_ids: list[int], tahun: int) -> dict[int, int]:
    """OPD id → the last triwulan of the year with a realisasi typed (one query for all of them)."""
    typed = Realisasi.objects.filter(indikator__sasaran__opd_id__in=opd_ids, indikator__sasaran__tahun=tahun)
    typed = typed.filter(Q(nilai__isnull=False) | ~Q(teks=""))
    rows = typed.values("indikator__sasaran__opd_id").annotate(last=Max("triwulan"))
    return {row["indikator__sasaran__opd_id"]: row["last"] for row in rows}


def _summary(report) -> dict | None:
    """The OPD's indikator by predikat up to the last triwulan reported (TW I before any is)."""
    if not report.baris:
        return None
    counts = report.ringkasan()
    colours = {band.nama: band.warna for band in report.pengaturan.predikat}
    return {
        "opd": report.opd,
        "report": report,
        "bands": [(name, n, colours.get(name, "#adb5bd")) for name, n in counts.items() if n],
        "url": reverse("kinerja:dashboard") + f"?opd={report.opd.pk}&tahun={report.tahun}&periode={report.periode}",
    }


def _context(user: User) -> dict:
    tahun = timezone.localdate().year
    opds = list(opds_of(user)[:MAX_OPDS])
    with_data = set(
        SasaranStrategis.objects.filter(opd__in=opds, tahun=tahun, indikator__isnull=False).values_list(
            "opd_id", flat=True
        )
    )
    opds = [opd for opd in opds if opd.pk in with_data]
    last = last_with_realisasi([opd.pk for opd in opds], tahun)
    reports = ringkasan_laporan(opds, tahun, {opd.pk: f"tw{last.get(opd.pk, 1)}" for opd in opds}) if opds else []
    summaries = [s for s in map(_summary, reports) if s]
    waiting = [(f, reverse("kinerja:form", args=(f.opd_id, f.tahun, f.triwulan, f.unit_id))) for f in _waiting(user)]
    to_sign = [(v, reverse("kinerja:pk", args=(v.opd_id, v.tahun)) + "#tanda-tangan") for v in pk_to_sign(user)]
    return {
        "items": summaries or waiting or to_sign,
        "summaries": summaries,
        "waiting": waiting,
        "to_sign": to_sign,
        "title": "Kinerja",
    }


def register() -> None:
    register_section(Section("kinerja", 30, "kinerja/beranda/_kinerja.html", _context, _count))
