"""The figures of an OPD's year: every indikator's target, realisasi and capaian per triwulan and rolled up.

Read in a fixed number of queries whatever the number of indikator (the selectors prefetch), then computed in
Python by the rules of `capaian`. The form, the dashboard, the document and the export all show these rows.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from sakip.kinerja import capaian as rules
from sakip.kinerja.models import Indikator, PengaturanKinerja, PerjanjianKinerja, SkalaNilai, Target
from sakip.models import Opd
from sakip.numbers import format_number

PERIOD_LABELS = {
    "tw1": "Triwulan I",
    "tw2": "Triwulan II",
    "tw3": "Triwulan III",
    "tw4": "Triwulan IV",
    "s1": "Semester I",
    "s2": "Semester II",
    "semester": "Semester I",
    "tahunan": "Tahunan",
}


@dataclass
class Sel:
    """One triwulan of one indikator."""

    nomor: int
    target: Decimal | None
    target_tampil: str
    realisasi: Decimal | None
    realisasi_tampil: str
    capaian: rules.Capaian
    predikat: rules.Predikat | None
    versi: str
    realisasi_row: object | None = None


@dataclass
class Baris:
    no: int
    indikator: Indikator
    sel: dict[int, Sel]
    target: Decimal | None
    realisasi: Decimal | None
    capaian: rules.Capaian
    predikat: rules.Predikat | None
    rumus_gabungan: str
    catatan_gabungan: list[str]
    serapan: Decimal | None = None
    efisiensi: Decimal | None = None
    catatan: list[str] = field(default_factory=list)
    target_teks: str = ""

    @property
    def sasaran(self):
        return self.indikator.sasaran

    @property
    def target_tampil(self) -> str:
        """The period's target as shown: the number, or the text target ("WTP")."""
        return format_number(self.target) if self.target is not None and not self.target_teks else self.target_teks

    @property
    def realisasi_tampil(self) -> str:
        if self.realisasi is not None and not self.target_teks:
            return format_number(self.realisasi)
        shown = [self.sel[n].realisasi_tampil for n in sorted(self.sel) if self.sel[n].realisasi_tampil]
        return shown[-1] if self.target_teks and shown else format_number(self.realisasi)


@dataclass
class Laporan:
    opd: Opd
    tahun: int
    periode: str
    triwulan: tuple[int, ...]
    baris: list[Baris]
    pengaturan: rules.Pengaturan
    versi: list[PerjanjianKinerja]

    @property
    def periode_tampil(self) -> str:
        return f"{PERIOD_LABELS[self.periode]} {self.tahun}"

    @property
    def rumus(self) -> list[str]:
        """The formulas and settings in force, printed under every table."""
        notes = [r.teks for r in rules.RULES if r.hitung is not None]
        notes += [f"{label}: {self._rollup_text(code)}" for code, (label, _fn) in rules.ROLLUPS.items()]
        notes.append(self.pengaturan.uraian())
        if len(self.versi) > 1:
            notes.append(
                "Target tiap triwulan diambil dari versi PK yang berlaku pada triwulan itu: "
                + "; ".join(f"{v.nama} sejak TW {rules.ROMAWI[v.berlaku_mulai]}" for v in self.versi)
                + "."
            )
        return notes

    @staticmethod
    def _rollup_text(code: str) -> str:
        return {
            rules.KUMULATIF: "jumlah realisasi dibagi target tahunan (untuk semester: jumlah target triwulannya)",
            rules.NILAI_AKHIR: "realisasi triwulan terakhir yang dilaporkan dibagi targetnya (indeks, persentase)",
            rules.RATA_RATA: "rata-rata realisasi dibagi rata-rata target triwulan yang dilaporkan",
        }[code]

    def ringkasan(self) -> dict[str, int]:
        """How many indikator fall in each predikat (and without a capaian)."""
        counts = {band.nama: 0 for band in self.pengaturan.predikat}
        counts["Belum ada capaian"] = 0
        for row in self.baris:
            counts[row.predikat.nama if row.predikat else "Belum ada capaian"] += 1
        return counts


TEXT_WITHOUT_SCALE = ("target_teks_tanpa_skala", "realisasi_teks_tanpa_skala")


INDIKATOR_ORDER = ("sasaran__urutan", "sasaran_id", "urutan", "pk")


def pengaturan_by_pemda(pemda_ids) -> dict[int, rules.Pengaturan]:
    """Pemda id → its settings (the defaults where it has none): one query for all of them."""
    found = {row.pemda_id: row.as_rules() for row in PengaturanKinerja.objects.filter(pemda_id__in=pemda_ids)}
    return {pemda: found.get(pemda) or rules.Pengaturan() for pemda in pemda_ids}


def scales_by_pemda(pemda_ids) -> dict[int, dict[tuple[str, str], Decimal]]:
    """Pemda id → its text scale, keyed by (satuan, teks) case-folded: one query for all of them."""
    scales: dict[int, dict[tuple[str, str], Decimal]] = {pemda: {} for pemda in pemda_ids}
    rows = SkalaNilai.objects.filter(pemda_id__in=pemda_ids).values_list("pemda_id", "satuan", "teks", "nilai")
    for pemda, satuan, teks, nilai in rows:
        scales[pemda][(satuan.casefold(), teks.casefold())] = nilai
    return scales


def pengaturan_of(opd: Opd) -> rules.Pengaturan:
    return pengaturan_by_pemda([opd.pemda_id])[opd.pemda_id]


def scale_of(opd: Opd) -> dict[tuple[str, str], Decimal]:
    return scales_by_pemda([opd.pemda_id])[opd.pemda_id]


def _in_force(targets: list[Target], nomor: int) -> Target | None:
    """The target of the latest PK version in force at triwulan `nomor` (earlier triwulan keep theirs)."""
    candidates = [t for t in targets if t.pk_versi.berlaku_mulai <= nomor]
    return max(candidates, key=lambda t: t.pk_versi.versi) if candidates else None


def _number(value: Decimal | None, teks: str, satuan: str, scale: dict) -> tuple[Decimal | None, str]:
    """(number, what is shown): a number as it is, a text through the satuan's scale (None without one)."""
    if value is not None:
        return value, format_number(value)
    if teks:
        return scale.get((satuan.casefold(), teks.casefold())), teks
    return None, ""


def _quarter_target(target: Target | None, nomor: int, cara: str) -> tuple[Decimal | None, str]:
    """The target of one triwulan: the Rencana Aksi's, else (not for kumulatif) the annual one or its text."""
    if target is None:
        return None, ""
    quarterly = target.triwulan(nomor)
    if quarterly is not None:
        return quarterly, ""
    if cara == rules.KUMULATIF:
        return None, ""
    return target.tahunan, target.teks


def _cell(indikator, targets, realisasi, nomor, scale, pengaturan) -> Sel:
    target = _in_force(targets, nomor)
    value, teks = _quarter_target(target, nomor, indikator.cara_perhitungan)
    t_number, t_shown = _number(value, teks, indikator.satuan, scale)
    row = realisasi.get(nomor)
    r_number, r_shown = _number(row.nilai, row.teks, indikator.satuan, scale) if row else (None, "")
    measured = rules.Ukur(
        target=t_number,
        realisasi=r_number,
        polaritas=indikator.polaritas,
        target_teks=teks if t_number is None else "",
        realisasi_teks=(row.teks if row and r_number is None else ""),
        satuan=indikator.satuan,
    )
    result = rules.capaian(measured, pengaturan)
    versi = target.pk_versi.nama if target else ""
    band = rules.predikat(result.nilai, pengaturan)
    return Sel(nomor, t_number, t_shown, r_number, r_shown, result, band, versi, row)


def _annual(targets: list[Target], last: int, satuan: str, scale: dict) -> tuple[Decimal | None, str]:
    """(the annual target as a number, its text when it is a text target) of the version in force at `last`."""
    target = _in_force(targets, last)
    if target is None:
        return None, ""
    number, _shown = _number(target.tahunan, target.teks, satuan, scale)
    return number, target.teks if target.tahunan is None else ""


def baris_of(no, indikator, triwulan, scale, pengaturan) -> Baris:
    targets = list(indikator.target.all())
    realisasi = {r.triwulan: r for r in indikator.realisasi.all()}
    cells = {n: _cell(indikator, targets, realisasi, n, scale, pengaturan) for n in (1, 2, 3, 4)}
    annual, annual_teks = _annual(targets, triwulan[-1], indikator.satuan, scale)
    period = [rules.Triwulan(n, cells[n].target, cells[n].realisasi) for n in triwulan]
    rolled = rules.gabung(indikator.cara_perhitungan, period, annual, full_year=len(triwulan) == 4)
    result = rules.capaian(
        rules.Ukur(
            rolled.target,
            rolled.realisasi,
            indikator.polaritas,
            target_teks=annual_teks if rolled.target is None else "",
            satuan=indikator.satuan,
        ),
        pengaturan,
    )
    unscaled = [c.capaian for n, c in cells.items() if n in triwulan and c.capaian.aturan in TEXT_WITHOUT_SCALE]
    if unscaled and result.nilai is None:
        result = unscaled[-1]  # the reason that matters: a text no scale reads
    spent = [realisasi[n].realisasi_anggaran for n in triwulan if n in realisasi]
    spent = [s for s in spent if s is not None]
    absorbed = rules.serapan(indikator.pagu_anggaran, sum(spent, Decimal(0)) if spent else None)
    return Baris(
        no=no,
        indikator=indikator,
        sel=cells,
        target=rolled.target,
        realisasi=rolled.realisasi,
        capaian=result,
        predikat=rules.predikat(result.nilai, pengaturan),
        rumus_gabungan=rolled.teks,
        catatan_gabungan=rolled.catatan,
        serapan=absorbed,
        efisiensi=rules.efisiensi(result.nilai, absorbed),
        catatan=[realisasi[n].catatan for n in triwulan if n in realisasi and realisasi[n].catatan],
        target_teks=annual_teks,
    )


def indikator_rows(opd: Opd, tahun: int, unit_id: int | None = None):
    rows = Indikator.objects.filter(sasaran__opd=opd, sasaran__tahun=tahun).select_related("sasaran", "unit")
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    return rows.prefetch_related("target__pk_versi", "realisasi__bukti").order_by(*INDIKATOR_ORDER)


def ringkasan_laporan(opds: list[Opd], tahun: int, periode_of: dict[int, str]) -> list[Laporan]:
    """The reports of several OPDs for their summaries (the Beranda): the same rows and figures as `laporan`, read
    in six queries for all of them, without the evidence files and the PK versions a summary does not show."""
    pemda_ids = {opd.pemda_id for opd in opds}
    pengaturan, scales = pengaturan_by_pemda(pemda_ids), scales_by_pemda(pemda_ids)
    rows = Indikator.objects.filter(sasaran__opd__in=opds, sasaran__tahun=tahun).select_related("sasaran")
    rows = rows.prefetch_related("target__pk_versi", "realisasi").order_by(*INDIKATOR_ORDER)
    by_opd: dict[int, list[Indikator]] = {}
    for indikator in rows:
        by_opd.setdefault(indikator.sasaran.opd_id, []).append(indikator)
    reports = []
    for opd in opds:
        periode = periode_of[opd.pk]
        triwulan = rules.PERIODS[periode]
        rules_of = pengaturan[opd.pemda_id]
        baris = [
            baris_of(i, indikator, triwulan, scales[opd.pemda_id], rules_of)
            for i, indikator in enumerate(by_opd.get(opd.pk, []), start=1)
        ]
        reports.append(Laporan(opd, tahun, periode, triwulan, baris, rules_of, versi=[]))
    return reports


def laporan(opd: Opd, tahun: int, periode: str, *, unit_id: int | None = None) -> Laporan:
    """Every indikator of the OPD's year (or of one unit) with its figures for the period."""
    triwulan = rules.PERIODS[periode]
    pengaturan = pengaturan_of(opd)
    scale = scale_of(opd)
    rows = [
        baris_of(i, indikator, triwulan, scale, pengaturan)
        for i, indikator in enumerate(indikator_rows(opd, tahun, unit_id), start=1)
    ]
    versi = list(PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).order_by("versi"))
    return Laporan(opd, tahun, periode, triwulan, rows, pengaturan, versi)
