"""Reads of SOP documents; each selector fetches what its page shows in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from sakip.dates import tanggal_indonesia
from sakip.models import Pegawai, User
from sakip.selectors import visible_to
from sop.models import BukuSop, Langkah, Pelaksana, Sop, SopItem, SopStatusLog


def sop_visible_to(user: User) -> QuerySet[Sop]:
    """SOPs of the OPDs the user belongs to; everything for a superuser."""
    return visible_to(user, Sop.objects.all())


def sop_list(*, user: User, q: str = "", opd_id: int | None = None, status: str = "") -> QuerySet[Sop]:
    qs = sop_visible_to(user).select_related("opd__pemda").annotate(jumlah_langkah=Count("langkah"))
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(nomor__icontains=q))
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    # Superseded versions stay out of the default list; they are one filter away.
    qs = qs.filter(status=status) if status else qs.exclude(status=Sop.Status.DIGANTI)
    return qs.order_by("opd__nama", "nomor", "-versi")


def sop_get(*, user: User, pk: int) -> Sop:
    """One SOP with everything its sheet shows; 404 for SOPs outside the user's OPDs."""
    qs = (
        sop_visible_to(user)
        .select_related("opd__pemda", "pengesah", "revisi_dari")
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


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    what: str  # "SOP", "Langkah 3", "Pelaksana 2", "Dasar Hukum 1"
    action: str  # dibuat / diubah / dihapus
    reason: str
    changes: list[FieldChange]


_ACTIONS = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
_SKIP = {
    "id",
    "history_id",
    "history_date",
    "history_user",
    "history_type",
    "history_change_reason",
    "sop",
    "lock_version",
}


def _display(record, field, names: dict) -> str:
    value = getattr(record, field.attname, None)
    if value is None or value == "":
        return "—"
    if field.name in names:
        return names[field.name].get(value, f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return tanggal_indonesia(value)
    return str(value)


def _entries_for(records, label, names: dict | None = None) -> list[HistoryEntry]:
    """Diff each historical record against the previous one of the same row."""
    names = names or {}
    entries = []
    records = sorted(records, key=lambda r: (r.id, r.history_date, r.history_id))
    for _pk, group in groupby(records, key=lambda r: r.id):
        previous = None
        for record in group:
            changes = []
            for field in record.instance_type._meta.concrete_fields:
                if field.name in _SKIP or field.attname in _SKIP:
                    continue
                new = _display(record, field, names)
                old = _display(previous, field, names) if previous is not None else "—"
                if record.history_type == "-" or (previous is not None and old == new):
                    continue
                if previous is None and new == "—":
                    continue
                changes.append(FieldChange(field=str(field.verbose_name), old=old, new=new))
            if record.history_type != "~" or changes:
                entries.append(
                    HistoryEntry(
                        when=record.history_date,
                        who=str(record.history_user) if record.history_user_id else "sistem",
                        what=label(record),
                        action=_ACTIONS[record.history_type],
                        reason=record.history_change_reason or "",
                        changes=changes,
                    )
                )
            previous = record
    return entries


def sop_history(*, sop: Sop) -> list[HistoryEntry]:
    """Who changed what, when, field by field — the SOP and all its rows, newest first."""
    item_labels = dict(SopItem.Jenis.choices)
    columns = list(Pelaksana.history.filter(sop_id=sop.pk).select_related("history_user"))
    column_names = {r.id: r.nama for r in sorted(columns, key=lambda r: r.history_date)}
    sop_records = list(Sop.history.filter(id=sop.pk).select_related("history_user"))
    signers = {p.pk: p.nama for p in Pegawai.objects.filter(pk__in={r.pengesah_id for r in sop_records})}
    entries = _entries_for(sop_records, lambda r: "Identitas SOP", {"pengesah": signers})
    entries += _entries_for(columns, lambda r: f"Pelaksana “{r.nama}”")
    entries += _entries_for(
        Langkah.history.filter(sop_id=sop.pk).select_related("history_user"),
        lambda r: f"Langkah {r.urutan}",
        {"pelaksana": column_names},
    )
    entries += _entries_for(
        SopItem.history.filter(sop_id=sop.pk).select_related("history_user"),
        lambda r: f"{item_labels.get(r.jenis, r.jenis)} butir {r.urutan}",
    )
    return sorted(entries, key=lambda e: e.when, reverse=True)


def sop_changes_since(*, sop: Sop, version: int) -> list[HistoryEntry]:
    """What others saved after the editor loaded `version` of the SOP (for an edit conflict)."""
    loaded = Sop.history.filter(id=sop.pk, lock_version=version).order_by("-history_date").first()
    if loaded is None:
        return sop_history(sop=sop)[:20]
    return [e for e in sop_history(sop=sop) if e.when > loaded.history_date]


def buku_list(*, user: User) -> QuerySet[BukuSop]:
    return visible_to(user, BukuSop.objects.select_related("opd", "dibuat_oleh"))
