"""A year of performance data per OPD for the scale dataset: sasaran, indikator over the units, the PK murni and
some PK Perubahan with their targets, realisasi of TW I–II and the units' forms in draf, diajukan or divalidasi.

Bulk inserts of what the kinerja services and transitions would have written (a form's FormLog chain included),
without the history rows.
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from sakip.kinerja.models import (
    FormLog,
    FormPengukuran,
    Indikator,
    PerjanjianKinerja,
    Realisasi,
    SasaranStrategis,
    Target,
)
from sakip.models import UnitKerja, User

BATCH = 2000
REPORTED = (1, 2)  # the triwulan with realisasi and forms
SASARAN = [
    "Meningkatnya kualitas perencanaan dan penganggaran",
    "Meningkatnya akuntabilitas kinerja perangkat daerah",
    "Meningkatnya kualitas pelayanan publik",
    "Meningkatnya tata kelola keuangan dan aset",
]


@dataclass(frozen=True)
class Kind:
    """One kind of indikator: its words, satuan, polarity, roll-up and its quarterly targets."""

    nama: str
    satuan: str
    polaritas: str
    cara: str
    tw: tuple[int, int, int, int]
    tahunan: int


P, N = Indikator.Polaritas, Indikator.CaraPerhitungan
KINDS = [
    Kind("Persentase dokumen perencanaan yang tepat waktu", "%", P.POSITIF, N.NILAI_AKHIR, (60, 75, 90, 100), 100),
    Kind("Jumlah dokumen evaluasi kinerja yang disusun", "Dokumen", P.POSITIF, N.KUMULATIF, (3, 3, 3, 3), 12),
    Kind("Indeks kepuasan masyarakat", "Indeks", P.POSITIF, N.RATA_RATA, (80, 82, 84, 85), 85),
    Kind("Persentase temuan yang belum ditindaklanjuti", "%", P.NEGATIF, N.NILAI_AKHIR, (25, 20, 15, 10), 10),
    Kind("Persentase realisasi anggaran", "%", P.POSITIF, N.NILAI_AKHIR, (20, 45, 70, 95), 95),
]


class KinerjaData:
    """Writes one year (`tahun`) of performance data for the offices built by ScaleData."""

    def __init__(self, *, tahun: int, rng: random.Random):
        self.tahun = tahun
        self.random = rng

    def build(self, offices: list) -> dict[str, int]:
        sasaran = Bulk(SasaranStrategis)
        for office in offices:
            for i in range(self.random.randint(2, 4)):
                sasaran.add(SasaranStrategis(opd=office.opd, tahun=self.tahun, urutan=i + 1, nama=SASARAN[i]))
        sasaran.flush()
        by_opd: dict[int, list[SasaranStrategis]] = {}
        for row in sasaran.done:
            by_opd.setdefault(row.opd_id, []).append(row)
        indikator = Bulk(Indikator)
        for office in offices:
            self._indikator(indikator, by_opd[office.opd.pk], office.units)
        indikator.flush()
        pk_rows = self._pk(offices)
        self._targets(pk_rows, indikator.done)
        realisasi = self._realisasi(offices, indikator.done)
        forms = self._forms(offices, indikator.done)
        return {
            "sasaran": len(sasaran.done),
            "indikator": len(indikator.done),
            "pk": len(pk_rows),
            "realisasi": realisasi,
            "form": forms,
        }

    def _indikator(self, bulk: "Bulk", sasaran: list[SasaranStrategis], units: list[UnitKerja]) -> None:
        """3–12 indikator, spread over the sasaran and round the OPD's units, every unit its share."""
        for i in range(self.random.randint(3, 12)):
            kind = KINDS[(i + self.random.randint(0, 1)) % len(KINDS)]
            pagu = Decimal(self.random.randint(50, 900) * 1_000_000) if self.random.random() < 0.6 else None
            bulk.add(
                Indikator(
                    sasaran=sasaran[i % len(sasaran)], urutan=i + 1, nama=f"{kind.nama} ({i + 1})",
                    satuan=kind.satuan, polaritas=kind.polaritas, cara_perhitungan=kind.cara,
                    cara_pengukuran=f"{kind.nama}: realisasi dibanding target", unit=units[i % len(units)],
                    pagu_anggaran=pagu,
                )
            )  # fmt: skip

    def _pk(self, offices: list) -> list[PerjanjianKinerja]:
        """The PK murni of every OPD; a PK Perubahan from TW III for every third one (no form of TW III yet)."""
        rows = Bulk(PerjanjianKinerja)
        for n, office in enumerate(offices):
            kepala = office.users[0]
            rows.add(PerjanjianKinerja(opd=office.opd, tahun=self.tahun, versi=1, berlaku_mulai=1, dibuat_oleh=kepala))
            if n % 3 == 1:
                rows.add(
                    PerjanjianKinerja(
                        opd=office.opd, tahun=self.tahun, versi=2, berlaku_mulai=3, dibuat_oleh=kepala,
                        keterangan="Penyesuaian target setelah perubahan anggaran",
                    )
                )  # fmt: skip
        rows.flush()
        return rows.done

    def _targets(self, pk_rows: list[PerjanjianKinerja], indikator: list[Indikator]) -> None:
        of_opd: dict[int, list[Indikator]] = {}
        for row in indikator:
            of_opd.setdefault(row.sasaran.opd_id, []).append(row)
        rows = Bulk(Target)
        for version in pk_rows:
            change = Decimal(1) if version.versi == 1 else Decimal("0.9")  # a PK Perubahan lowers its targets
            for row in of_opd[version.opd_id]:
                kind = _kind(row)
                tw = [Decimal(v) * change for v in kind.tw]
                rows.add(
                    Target(
                        pk_versi=version, indikator=row, tahunan=Decimal(kind.tahunan) * change,
                        tw1=tw[0], tw2=tw[1], tw3=tw[2], tw4=tw[3],
                    )
                )  # fmt: skip
        rows.flush()

    def _realisasi(self, offices: list, indikator: list[Indikator]) -> int:
        staff = {office.opd.pk: office.users[3] for office in offices}
        rows = Bulk(Realisasi)
        for row in indikator:
            kind = _kind(row)
            for triwulan in REPORTED:
                value = Decimal(kind.tw[triwulan - 1]) * Decimal(self.random.randint(60, 115)) / 100
                spent = (
                    row.pagu_anggaran * Decimal(triwulan * self.random.randint(15, 25)) / 100
                    if row.pagu_anggaran
                    else None
                )
                rows.add(
                    Realisasi(
                        indikator=row, triwulan=triwulan, nilai=value.quantize(Decimal("0.01")),
                        catatan="Sesuai rencana aksi" if value >= kind.tw[triwulan - 1] else "Kegiatan tertunda",
                        realisasi_anggaran=spent.quantize(Decimal("0.01")) if spent is not None else None,
                        diubah_oleh=staff[row.sasaran.opd_id],
                    )
                )  # fmt: skip
        rows.flush()
        return len(rows.done)

    def _forms(self, offices: list, indikator: list[Indikator]) -> int:
        """A form per responsible unit and reported triwulan; TW I mostly validated, TW II mostly still open."""
        office_of = {office.opd.pk: office for office in offices}
        units = sorted({(row.sasaran.opd_id, row.unit_id) for row in indikator})
        S = FormPengukuran.Status
        forms = Bulk(FormPengukuran)
        for opd_id, unit_id in units:
            for triwulan in REPORTED:
                roll = self.random.random()
                chances = (0.6, 0.85) if triwulan == 1 else (0.2, 0.6)
                status = S.DIVALIDASI if roll < chances[0] else S.DIAJUKAN if roll < chances[1] else S.DRAF
                forms.add(
                    FormPengukuran(opd_id=opd_id, unit_id=unit_id, tahun=self.tahun, triwulan=triwulan, status=status)
                )
        forms.flush()
        logs = Bulk(FormLog)
        for form in forms.done:
            filler, validator = _form_people(office_of[form.opd_id], form.unit_id)
            if form.status in (S.DIAJUKAN, S.DIVALIDASI):
                logs.add(FormLog(form=form, move="ajukan", dari=S.DRAF, ke=S.DIAJUKAN, oleh=filler))
            if form.status == S.DIVALIDASI:
                logs.add(FormLog(form=form, move="validasi", dari=S.DIAJUKAN, ke=S.DIVALIDASI, oleh=validator))
        logs.flush()
        return len(forms.done)


def _kind(row: Indikator) -> Kind:
    return next(k for k in KINDS if row.nama.startswith(k.nama))


def _form_people(office, unit_id: int) -> tuple[User, User]:
    """Who submitted and who validated: the Sekretaris for the sekretariat, else the staff member and the Kabid."""
    _kepala, sekretaris, validator, staff = office.users
    if unit_id == office.units[0].pk:
        return sekretaris, sekretaris
    return staff, validator


class Bulk:
    """Rows gathered and inserted BATCH at a time; `done` holds the saved ones (with their keys)."""

    def __init__(self, model):
        self.model = model
        self.pending: list = []
        self.done: list = []

    def add(self, row) -> None:
        self.pending.append(row)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.done.extend(self.model.objects.bulk_create(self.pending, batch_size=BATCH))
            self.pending = []
