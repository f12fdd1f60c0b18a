"""Writing a read sheet into an OPD's year: sasaran, indikator, the targets of the PK in force, realisasi.

All or nothing: every row is checked against the database first (units, locked forms, who imports), and any
error keeps everything as it was. Targets go into the latest PK version (a PK murni is made when there is none).
"""

from dataclasses import dataclass, field

from django.db import transaction

from sakip.kinerja import permissions
from sakip.kinerja.models import FormPengukuran, Indikator, PerjanjianKinerja, Realisasi, SasaranStrategis, Target
from sakip.kinerja.xlsx.reader import Hasil
from sakip.models import Opd, UnitKerja, User


@dataclass
class Ringkasan:
    sasaran_baru: int = 0
    indikator_baru: int = 0
    indikator_diubah: int = 0
    target: int = 0
    realisasi: int = 0
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def __str__(self) -> str:
        return (
            f"{self.sasaran_baru} sasaran baru, {self.indikator_baru} indikator baru, {self.indikator_diubah} "
            f"indikator diperbarui, {self.target} target, {self.realisasi} realisasi"
        )


def _units(opd: Opd, hasil: Hasil, default_unit: UnitKerja | None, errors: list[str]) -> dict[int, UnitKerja]:
    by_name = {u.nama.casefold(): u for u in UnitKerja.objects.filter(opd=opd)}
    chosen: dict[int, UnitKerja] = {}
    for row in hasil.baris:
        unit = by_name.get(row.unit.casefold()) if row.unit else default_unit
        if unit is None:
            what = f"unit kerja “{row.unit}” tidak ada di {opd}" if row.unit else "unit kerja tidak diisi"
            errors.append(f"Baris {row.nomor}: {what}; isi kolom Unit Kerja atau pilih unit bawaan.")
        else:
            chosen[row.nomor] = unit
    return chosen


def _locked_forms(opd: Opd, tahun: int, hasil: Hasil, units: dict, errors: list[str]) -> None:
    locked = {
        (f.unit_id, f.triwulan): f
        for f in FormPengukuran.objects.filter(opd=opd, tahun=tahun).select_related("unit")
        if f.is_locked
    }
    for row in hasil.baris:
        unit = units.get(row.nomor)
        for n in row.realisasi:
            form = unit and locked.get((unit.pk, n))
            if form:
                errors.append(
                    f"Baris {row.nomor}: Form TW {n} {form.unit} sudah {form.get_status_display().lower()}; "
                    "realisasinya tidak bisa diubah lewat impor sebelum kuncinya dibuka."
                )


def _signed_targets(opd: Opd, tahun: int, hasil: Hasil, errors: list[str]) -> None:
    """A signed Perjanjian Kinerja keeps its targets: a row that would change or add one is refused."""
    latest = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).select_related("dokumen").order_by("-versi").first()
    if latest is None or latest.dokumen_berlaku is None:
        return
    signed = {
        (t.indikator.sasaran.nama.casefold(), t.indikator.nama.casefold()): t
        for t in Target.objects.filter(pk_versi=latest).select_related("indikator__sasaran")
    }
    for row in hasil.baris:
        target = signed.get((row.sasaran.casefold(), row.indikator.casefold()))
        typed = (row.target, row.target_teks, *(row.targets[n] for n in (1, 2, 3, 4)))
        if target is None or typed != (target.tahunan, target.teks, target.tw1, target.tw2, target.tw3, target.tw4):
            errors.append(
                f"Baris {row.nomor}: {latest.nama} {tahun} sudah ditandatangani; targetnya tidak diubah lewat "
                "impor. Buat PK Perubahan di halaman Perjanjian Kinerja dulu."
            )


def _measured_changes(opd: Opd, tahun: int, hasil: Hasil, errors: list[str]) -> None:
    """An indikator with a realisasi keeps how it is measured (as on the Indikator Kinerja page)."""
    measured = {
        (ind.sasaran.nama.casefold(), ind.nama.casefold()): ind
        for ind in Indikator.objects.filter(sasaran__opd=opd, sasaran__tahun=tahun, realisasi__isnull=False)
        .select_related("sasaran")
        .distinct()
    }
    for row in hasil.baris:
        ind = measured.get((row.sasaran.casefold(), row.indikator.casefold()))
        typed = (row.satuan, row.polaritas, row.cara)
        if ind is not None and (ind.satuan, ind.polaritas, ind.cara_perhitungan) != typed:
            errors.append(
                f"Baris {row.nomor}: “{ind.nama}” sudah punya realisasi; satuan, polaritas dan cara perhitungannya "
                f"tetap ({ind.satuan}, {ind.polaritas}, {ind.get_cara_perhitungan_display().lower()})."
            )


def _pk_of(opd: Opd, tahun: int, user: User) -> PerjanjianKinerja:
    latest = PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).order_by("-versi").first()
    return latest or PerjanjianKinerja.objects.create(opd=opd, tahun=tahun, versi=1, berlaku_mulai=1, dibuat_oleh=user)


def _write_row(row, unit, opd, tahun, pk, user, counts: Ringkasan, cache: dict) -> None:
    key = row.sasaran.casefold()
    if key not in cache:
        sasaran, created = SasaranStrategis.objects.get_or_create(
            opd=opd, tahun=tahun, nama=row.sasaran, defaults={"urutan": len(cache) + 1}
        )
        cache[key] = sasaran
        counts.sasaran_baru += created
    sasaran = cache[key]
    fields = {"satuan": row.satuan, "polaritas": row.polaritas, "cara_perhitungan": row.cara, "unit": unit}
    indikator = Indikator.objects.filter(sasaran=sasaran, nama=row.indikator).first()
    if indikator is None:
        urutan = Indikator.objects.filter(sasaran=sasaran).count() + 1
        indikator = Indikator(sasaran=sasaran, nama=row.indikator, urutan=urutan, **fields)
        counts.indikator_baru += 1
    elif any(getattr(indikator, k) != v for k, v in fields.items()):
        for name, value in fields.items():
            setattr(indikator, name, value)
        counts.indikator_diubah += 1
    indikator._history_user = user
    indikator.save()
    target = Target.objects.filter(pk_versi=pk, indikator=indikator).first() or Target(pk_versi=pk, indikator=indikator)
    target.tahunan, target.teks = row.target, row.target_teks
    target.tw1, target.tw2, target.tw3, target.tw4 = (row.targets[n] for n in (1, 2, 3, 4))
    target._history_user = user
    target.save()
    counts.target += 1
    for n, (nilai, teks) in row.realisasi.items():
        realisasi = Realisasi.objects.filter(indikator=indikator, triwulan=n).first() or Realisasi(
            indikator=indikator, triwulan=n
        )
        realisasi.nilai, realisasi.teks, realisasi.diubah_oleh = nilai, teks, user
        realisasi._history_user = user
        realisasi.save()
        counts.realisasi += 1


def import_sheet(
    *,
    opd: Opd,
    tahun: int,
    hasil: Hasil,
    user: User | None,
    default_unit: UnitKerja | None = None,
    dry_run: bool = False,
) -> Ringkasan:
    """Import a read sheet, all rows or none; with dry_run nothing is kept even when every row is good.

    `user` None is the command line, trusted like the admin; a person must be allowed to edit the PK.
    """
    counts = Ringkasan(dry_run=dry_run, errors=list(hasil.errors))
    if user is not None and not permissions.may_edit_pk(user, opd.pk):
        counts.errors.append("Hanya Admin OPD, Sekretaris atau Kepala yang dapat mengimpor target dan realisasi.")
    if default_unit is not None and default_unit.opd_id != opd.pk:
        counts.errors.append("Unit bawaan harus unit OPD ini.")
    if counts.errors:
        return counts
    with transaction.atomic():
        units = _units(opd, hasil, default_unit, counts.errors)
        _locked_forms(opd, tahun, hasil, units, counts.errors)
        _signed_targets(opd, tahun, hasil, counts.errors)
        _measured_changes(opd, tahun, hasil, counts.errors)
        if counts.errors:
            return counts
        pk = _pk_of(opd, tahun, user)
        cache: dict = {}
        for row in hasil.baris:
            _write_row(row, units[row.nomor], opd, tahun, pk, user, counts, cache)
        if dry_run:
            transaction.set_rollback(True)
    return counts
