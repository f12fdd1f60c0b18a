"""The kinerja section of the Beranda: per OPD the indikator by predikat, forms still missing, what waits here."""

import operator
from functools import reduce

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from sakip.beranda import Section, register_section
from sakip.kinerja import permissions
from sakip.kinerja.models import FormPengukuran, Indikator, PerjanjianKinerja, Realisasi
from sakip.kinerja.report import ringkasan_laporan
from sakip.models import Keanggotaan, Opd, User
from sakip.permissions import opds_with_role, user_roles
from sakip.selectors import opds_of

MAX_OPDS = 3
S = FormPengukuran.Status


def _waiting(user: User) -> list[FormPengukuran]:
    """Forms this user should act on: submitted ones to validate, returned ones to fix (the first 50)."""
    waiting = _waiting_for(user)
    if waiting is None:
        return []
    rows = FormPengukuran.objects.filter(waiting).select_related("unit__induk", "opd")
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


def _waiting_for(user: User) -> Q | None:
    """Which forms wait for the user, in SQL: what `permissions.may_validate` and `may_fill` decide per form. None
    when nothing can: both need the user's own unit, whose OPD is that of every such form (its own unit, the units
    under it, the unit above it), so the roles are those held there, from the roles read once per request."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return None
    own = permissions.own_unit(user)
    if own is None:
        return None
    roles = user_roles(user, own.opd_id)
    waiting = []
    if roles & set(permissions.VALIDATORS):
        waiting.append(Q(status=S.DIAJUKAN, opd_id=own.opd_id) & (Q(unit_id=own.pk) | Q(unit__induk_id=own.pk)))
    if roles:
        own_units = [own.pk] if own.induk_id is None else [own.pk, own.induk_id]
        waiting.append(Q(status=S.DIKEMBALIKAN, opd_id=own.opd_id, unit_id__in=own_units))
    return reduce(operator.or_, waiting) if waiting else None


def _count(user: User) -> int:
    """How many forms wait for this user, in one query (the badge is on every page), none without a unit."""
    waiting = _waiting_for(user)
    return 0 if waiting is None else FormPengukuran.objects.filter(waiting).count()


def opds_with_data(user: User, tahun: int) -> list[Opd]:
    """The user's first OPDs that have indikator in the year, each with `last_tw`, the last triwulan reported
    (None before any is): one query, where asking for the OPDs, those with data and their last triwulan took three."""
    has_indikator = Indikator.objects.filter(sasaran__opd=OuterRef("pk"), sasaran__tahun=tahun)
    typed = Realisasi.objects.filter(indikator__sasaran__opd=OuterRef("pk"), indikator__sasaran__tahun=tahun)
    last = typed.filter(Q(nilai__isnull=False) | ~Q(teks="")).order_by("-triwulan")  # a catatan alone is no report
    opds = opds_of(user).filter(Exists(has_indikator)).annotate(last_tw=Subquery(last.values("triwulan")[:1]))
    return list(opds[:MAX_OPDS])


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
    opds = opds_with_data(user, tahun)
    reports = ringkasan_laporan(opds, tahun, {opd.pk: f"tw{opd.last_tw or 1}" for opd in opds}) if opds else []
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
