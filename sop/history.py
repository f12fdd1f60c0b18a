"""The Riwayat of an SOP as a record a person reads: who changed what, when, field by field, and why.

Names instead of ids, no internal identifiers, dates and times in the Pemda's zone written the Indonesian way
("01 Desember 2026 06.12 WITA"), NIPs grouped, and each status move with its reason.
"""

import datetime
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db.models import Q
from django.utils.translation import gettext as _

from sakip.dates import tanggal_indonesia
from sakip.models import Pegawai, User
from sakip.nip import format_nip
from sop.models import Langkah, Pelaksana, Sop, SopItem, SopStatusLog


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    when_text: str  # "01 Desember 2026 06.12 WITA"
    who: str
    what: str  # "Identitas SOP", "Langkah 3", "Pelaksana “Kepala”", "Dasar Hukum butir 1", "Status"
    action: str  # dibuat / diubah / dihapus / status
    reason: str
    changes: list[FieldChange]


_ACTIONS = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
# Bookkeeping a reader has no use for; the status is shown from the status log, with its reason.
_SKIP = {"id", "sop", "seri", "lock_version", "status", "urutan", "dibuat_pada", "diubah_pada"}
_NIP_FIELDS = {"disahkan_nip", "nip"}


class _Clock:
    """Moments in the SOP's Pemda zone, written the Indonesian way."""

    def __init__(self, sop: Sop):
        self.zone = zoneinfo.ZoneInfo(sop.opd.pemda.zona_waktu)
        self.label = sop.opd.pemda.zona_singkat

    def text(self, moment: datetime.datetime) -> str:
        local = moment.astimezone(self.zone)
        return f"{tanggal_indonesia(local.date())} {local:%H.%M} {self.label}"


def _display(record, field, names: dict, clock: _Clock) -> str:
    value = getattr(record, field.attname, None)
    if value is None or value == "":
        return "—"
    if field.attname in names or field.name in names:
        table = names.get(field.attname, names.get(field.name))
        return table.get(value, _("(sudah dihapus)"))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.name in _NIP_FIELDS:
        return format_nip(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, datetime.datetime):
        return clock.text(value)
    if isinstance(value, datetime.date):
        return tanggal_indonesia(value)
    return str(value)


def _who(record) -> str:
    return str(record.history_user) if record.history_user_id else _("sistem")


def _entries_for(records, label, names: dict, clock: _Clock) -> list[HistoryEntry]:
    """Diff each historical record against the previous one of the same row."""
    entries = []
    records = sorted(records, key=lambda r: (r.id, r.history_date, r.history_id))
    for _pk, group in groupby(records, key=lambda r: r.id):
        previous = None
        for record in group:
            changes = _changes(record, previous, names, clock)
            if record.history_type != "~" or changes:
                entries.append(
                    HistoryEntry(
                        when=record.history_date,
                        when_text=clock.text(record.history_date),
                        who=_who(record),
                        what=label(record),
                        action=_ACTIONS[record.history_type],
                        reason=record.history_change_reason or "",
                        changes=changes,
                    )
                )
            previous = record
    return entries


def _changes(record, previous, names: dict, clock: _Clock) -> list[FieldChange]:
    if record.history_type == "-":
        return []
    changes = []
    for field in record.instance_type._meta.concrete_fields:
        if field.name in _SKIP or field.attname in _SKIP:
            continue
        new = _display(record, field, names, clock)
        old = _display(previous, field, names, clock) if previous is not None else "—"
        if (previous is not None and old == new) or (previous is None and new == "—"):
            continue
        changes.append(FieldChange(field=str(field.verbose_name), old=old, new=new))
    return changes


def _status_entries(sop: Sop, clock: _Clock) -> list[HistoryEntry]:
    labels = dict(Sop.Status.choices)
    return [
        HistoryEntry(
            when=log.waktu,
            when_text=clock.text(log.waktu),
            who=str(log.actor),
            what=_("Status"),
            action="status",
            reason=log.catatan,
            changes=[FieldChange(field=_("status"), old=labels.get(log.dari, "—"), new=labels.get(log.ke, log.ke))],
        )
        for log in SopStatusLog.objects.filter(sop=sop).select_related("actor")
    ]


def _names(sop_records, item_records) -> dict:
    """Readable names for the foreign keys the history stores as ids."""
    users = {r.dibuat_oleh_id for r in sop_records} - {None}
    signers = {r.pengesah_id for r in sop_records} - {None}
    linked = ({r.revisi_dari_id for r in sop_records} | {r.sop_terkait_id for r in item_records}) - {None}
    return {
        "dibuat_oleh_id": {u.pk: str(u) for u in User.objects.filter(pk__in=users)},
        "pengesah_id": {p.pk: f"{p.nama} (NIP {p.nip_tampil})" for p in Pegawai.objects.filter(pk__in=signers)},
        "revisi_dari_id": {s.pk: _("versi %(v)s") % {"v": s.versi} for s in Sop.objects.filter(pk__in=linked)},
        "sop_terkait_id": {s.pk: s.judul for s in Sop.objects.filter(pk__in=linked)},
    }


def sop_history(*, sop: Sop) -> list[HistoryEntry]:
    """Who changed what, when, field by field — the SOP, its status moves and all its rows, newest first."""
    clock = _Clock(sop)
    item_labels = dict(SopItem.Jenis.choices)
    columns = list(Pelaksana.history.filter(sop_id=sop.pk).select_related("history_user"))
    column_names = {r.id: r.nama for r in sorted(columns, key=lambda r: r.history_date)}
    sop_records = list(Sop.history.filter(id=sop.pk).select_related("history_user"))
    item_records = list(SopItem.history.filter(sop_id=sop.pk).select_related("history_user"))
    names = _names(sop_records, item_records)
    entries = _entries_for(sop_records, lambda r: _("Identitas SOP"), names, clock)
    entries += _entries_for(columns, lambda r: f"Pelaksana “{r.nama}”", names, clock)
    entries += _entries_for(
        Langkah.history.filter(sop_id=sop.pk).select_related("history_user"),
        lambda r: _("Langkah %(n)s") % {"n": r.urutan},
        {**names, "pelaksana_id": column_names},
        clock,
    )
    entries += _entries_for(
        item_records, lambda r: f"{item_labels.get(r.jenis, r.jenis)} butir {r.urutan}", names, clock
    )
    entries += _status_entries(sop, clock)
    return sorted(entries, key=lambda e: e.when, reverse=True)


def sop_changes_since(*, sop: Sop, version: int) -> list[HistoryEntry]:
    """What others saved after the editor loaded `version` of the SOP (for an edit conflict)."""
    loaded = Sop.history.filter(Q(id=sop.pk) & Q(lock_version=version)).order_by("-history_date").first()
    if loaded is None:
        return sop_history(sop=sop)[:20]
    return [e for e in sop_history(sop=sop) if e.when > loaded.history_date]
