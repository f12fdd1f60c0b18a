"""The Perjanjian Kinerja of an OPD's year: its versions side by side, and the one save that changes targets.

A triwulan counts as reported once a form of it is submitted or validated (locked). A PK Perubahan may start only
after the last reported triwulan; the triwulan before it keep the targets of the version before (the report reads
each triwulan's target from the version in force then). The version in force may itself be edited while none of
its triwulan has been reported.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from sakip.kinerja import capaian as rules
from sakip.kinerja import services
from sakip.kinerja.models import FormPengukuran, Indikator, PerjanjianKinerja, Target
from sakip.models import Opd, User
from sakip.numbers import format_number
from sakip.states import TransitionError

FIELDS = ("tahunan", "teks", "tw1", "tw2", "tw3", "tw4")
LABELS = {
    "tahunan": "Target tahunan",
    "teks": "Target (teks)",
    "tw1": "TW I",
    "tw2": "TW II",
    "tw3": "TW III",
    "tw4": "TW IV",
}
EDIT = "ubah"
MURNI = "murni"


def shown(value) -> str:
    if value is None or value == "":
        return "—"
    return value if isinstance(value, str) else format_number(value)


@dataclass
class Baris:
    indikator: Indikator
    target: Target | None
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


@dataclass
class Versi:
    pk: PerjanjianKinerja
    baris: list[Baris]

    @property
    def changed(self) -> int:
        return sum(1 for row in self.baris if row.changes)


def last_reported(opd: Opd, tahun: int) -> int:
    """The last triwulan of the year with a submitted or validated form (0: none reported yet)."""
    locked = (FormPengukuran.Status.DIAJUKAN, FormPengukuran.Status.DIVALIDASI)
    rows = FormPengukuran.objects.filter(opd=opd, tahun=tahun, status__in=locked)
    return rows.aggregate(last=Max("triwulan"))["last"] or 0


def choices(versions: list[PerjanjianKinerja], reported: int, signed: bool = False) -> list[tuple[str, str]]:
    """What the save may do: the first PK of the year (PK murni); edit the version in force (while it is unsigned
    and none of its triwulan is reported); or a new version from a triwulan not yet reported."""
    if not versions:
        return [(MURNI, _("Perjanjian Kinerja (murni), berlaku mulai Triwulan I"))]
    latest = versions[-1]
    options = []
    if reported < latest.berlaku_mulai and not signed:
        options.append((EDIT, _("Ubah target %(nama)s") % {"nama": latest.nama}))
    start = max(latest.berlaku_mulai, reported) + 1
    for nomor in range(start, 5):
        label = _("PK Perubahan %(n)d, berlaku mulai Triwulan %(tw)s")
        options.append((str(nomor), label % {"n": latest.versi, "tw": rules.ROMAWI[nomor]}))
    return options


def _blank_none(value):
    return None if value == "" else value


def _changes(old: Target | None, new: Target | None) -> list[tuple[str, str, str]]:
    if new is None:
        return []
    out = []
    for name in FIELDS:
        before = getattr(old, name) if old is not None else None
        after = getattr(new, name)
        if _blank_none(before) != _blank_none(after):
            out.append((LABELS[name], shown(before), shown(after)))
    return out


def versions_table(opd: Opd, tahun: int, indikator: list[Indikator]) -> list[Versi]:
    """Every PK version of the year, each indikator's target in it and what changed from the version before."""
    versions = list(PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).select_related("dibuat_oleh", "dokumen"))
    targets: dict[tuple[int, int], Target] = {
        (t.pk_versi_id, t.indikator_id): t for t in Target.objects.filter(pk_versi__in=versions)
    }
    table, previous = [], None
    for version in sorted(versions, key=lambda v: v.versi):
        rows = []
        for ind in indikator:
            target = targets.get((version.pk, ind.pk))
            before = targets.get((previous.pk, ind.pk)) if previous else None
            rows.append(Baris(ind, target, _changes(before, target) if previous else []))
        table.append(Versi(version, rows))
        previous = version
    return table


def frozen_fields(berlaku_mulai: int) -> tuple[str, ...]:
    """The quarterly targets a version starting at `berlaku_mulai` takes unchanged from the version before."""
    return tuple(f"tw{n}" for n in range(1, berlaku_mulai))


@transaction.atomic
def simpan(*, opd: Opd, tahun: int, berlaku: str, values: dict[int, dict], alasan: str, user: User):
    """One save: a new PK Perubahan from triwulan `berlaku` with these targets, or (EDIT) the version in force
    changed; all or nothing, the history with the user and the reason. Returns (version, rows changed)."""
    alasan = alasan.strip()
    if not alasan and berlaku != MURNI:
        raise TransitionError(_("Tulis alasan perubahan target."))
    versions = list(
        PerjanjianKinerja.objects.select_for_update(of=("self",))
        .filter(opd=opd, tahun=tahun)
        .select_related("dokumen")
        .order_by("versi")
    )
    signed = bool(versions) and versions[-1].dokumen_berlaku is not None
    allowed = dict(choices(versions, last_reported(opd, tahun), signed))
    if berlaku not in allowed:
        raise TransitionError(
            _("Pilihan itu tidak tersedia lagi: triwulannya sudah dilaporkan, atau PK-nya sudah ditandatangani.")
        )
    if berlaku == MURNI:
        version = services.pk_murni_create(opd=opd, tahun=tahun, user=user, keterangan=alasan[:500])
    elif berlaku == EDIT:
        version = versions[-1]
    else:
        version = services.pk_perubahan_create(
            opd=opd, tahun=tahun, berlaku_mulai=int(berlaku), user=user, keterangan=alasan[:500]
        )
    values = _keep_frozen(version, values)
    have = set(version.target.values_list("indikator_id", flat=True))
    values = {i: v for i, v in values.items() if i in have or any(v.get(f) not in (None, "") for f in FIELDS)}
    changed = services.target_save(pk_versi=version, values=values, user=user, alasan=alasan)
    return version, changed


def _keep_frozen(version: PerjanjianKinerja, values: dict[int, dict]) -> dict[int, dict]:
    """Refuse a changed quarterly target of a triwulan before the version starts (it stays the earlier one)."""
    frozen = frozen_fields(version.berlaku_mulai)
    if not frozen:
        return values
    current = {t.indikator_id: t for t in version.target.all()}
    for indikator_id, fields in values.items():
        target = current.get(indikator_id)
        for name in frozen:
            before: Decimal | None = getattr(target, name) if target else None
            if name in fields and fields[name] != before:
                raise TransitionError(
                    _("Target %(tw)s sudah berlaku sebelum %(nama)s; tidak dapat diubah.")
                    % {"tw": LABELS[name], "nama": version.nama}
                )
    return values
