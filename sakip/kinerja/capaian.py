"""Capaian, roll-ups and predikat: one table of rules each, read in order, the first that applies wins.

Offices score differently (see the domain notes), so every rule carries the words printed under each table: a
reader can recompute any figure from the target, the realisasi and the note. Nothing here touches the database;
the settings of a Pemda arrive as a `Pengaturan`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.numbers import format_number, quantize

HUNDRED = Decimal(100)
POSITIF, NEGATIF = "positif", "negatif"
KUMULATIF, NILAI_AKHIR, RATA_RATA = "kumulatif", "nilai_akhir", "rata_rata"
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
CAPS = (None, 100, 120, 150, 200)


@dataclass(frozen=True)
class Predikat:
    nama: str
    batas: Decimal | None  # capaian above this (None: the lowest band)
    warna: str


@dataclass(frozen=True)
class Pengaturan:
    """A Pemda's scoring settings; the defaults are Permendagri 86/2017 without a cap."""

    batas_atas: int | None = None
    predikat: tuple[Predikat, ...] = (
        Predikat("Sangat Tinggi", Decimal(90), "#198754"),
        Predikat("Tinggi", Decimal(75), "#20c997"),
        Predikat("Sedang", Decimal(65), "#ffc107"),
        Predikat("Rendah", Decimal(50), "#fd7e14"),
        Predikat("Sangat Rendah", None, "#dc3545"),
    )

    def uraian(self) -> str:
        """The settings in words, printed under every table."""
        cap = f"dibatasi paling tinggi {self.batas_atas}%" if self.batas_atas else "tanpa batas atas"
        bands = [
            f"> {format_number(band.batas)} {band.nama}" if band.batas is not None else f"sisanya {band.nama}"
            for band in self.predikat
        ]
        return f"Capaian {cap}. Predikat: {'; '.join(bands)}."


@dataclass(frozen=True)
class Ukur:
    """One measurement: target and realisasi as numbers (text already mapped through its scale, or not)."""

    target: Decimal | None
    realisasi: Decimal | None
    polaritas: str = POSITIF
    target_teks: str = ""  # a text target that has no number (its satuan has no scale)
    realisasi_teks: str = ""  # likewise for a text realisasi
    satuan: str = ""


@dataclass(frozen=True)
class Capaian:
    nilai: Decimal | None  # percent, two decimals; None with the reason in `alasan`
    aturan: str
    alasan: str = ""
    dibatasi: bool = False


@dataclass(frozen=True)
class Aturan:
    kode: str
    berlaku: Callable[[Ukur], bool]
    hitung: Callable[[Ukur], Decimal] | None  # None: no number, `teks` says why
    teks: str


def _positive(m: Ukur) -> Decimal:
    return m.realisasi / m.target * HUNDRED


def _negative(m: Ukur) -> Decimal:
    return max(Decimal(0), (2 * m.target - m.realisasi) / m.target * HUNDRED)


RULES: tuple[Aturan, ...] = (
    Aturan(
        "realisasi_teks_tanpa_skala",
        lambda m: m.realisasi is None and bool(m.realisasi_teks),
        None,
        "Realisasi “{realisasi_teks}” berupa teks dan satuan “{satuan}” belum punya skala nilai; "
        "tetapkan skalanya di pengaturan kinerja.",
    ),
    Aturan("tanpa_realisasi", lambda m: m.realisasi is None, None, "Realisasi belum diisi."),
    Aturan(
        "target_teks_tanpa_skala",
        lambda m: m.target is None and bool(m.target_teks),
        None,
        "Target “{target_teks}” berupa teks dan satuan “{satuan}” belum punya skala nilai; "
        "tetapkan skalanya di pengaturan kinerja.",
    ),
    Aturan("tanpa_target", lambda m: m.target is None, None, "Target belum ditetapkan di PK/Rencana Aksi."),
    Aturan(
        "target_nol", lambda m: m.target == 0, None, "Target 0: capaian tidak dapat dihitung (pembagian dengan nol)."
    ),
    Aturan("target_negatif", lambda m: m.target < 0, None, "Target bernilai negatif: rumus capaian tidak berlaku."),
    Aturan("positif", lambda m: m.polaritas == POSITIF, _positive, "Capaian = Realisasi ÷ Target × 100%"),
    Aturan(
        "negatif",
        lambda m: m.polaritas == NEGATIF,
        _negative,
        "Capaian = (2 × Target − Realisasi) ÷ Target × 100%, paling kecil 0%",
    ),
)


def capaian(m: Ukur, pengaturan: Pengaturan = Pengaturan()) -> Capaian:
    """The capaian of one measurement, by the first rule of RULES that applies."""
    for rule in RULES:
        if not rule.berlaku(m):
            continue
        if rule.hitung is None:
            return Capaian(None, rule.kode, rule.teks.format(**vars(m)))
        value = quantize(rule.hitung(m), 2)
        cap = pengaturan.batas_atas
        if cap is not None and value > cap:
            return Capaian(Decimal(cap).quantize(Decimal("0.01")), rule.kode, f"dibatasi {cap}%", dibatasi=True)
        return Capaian(value, rule.kode)
    raise ValueError(f"polaritas tidak dikenal: {m.polaritas!r}")


def predikat(nilai: Decimal | None, pengaturan: Pengaturan = Pengaturan()) -> Predikat | None:
    """The band of a capaian (> its threshold); None without a capaian."""
    if nilai is None:
        return None
    for band in pengaturan.predikat:
        if band.batas is None or nilai > band.batas:
            return band
    return pengaturan.predikat[-1]


@dataclass(frozen=True)
class Triwulan:
    """One triwulan of a period: the target in force then and the realisasi reported (None: not yet)."""

    nomor: int
    target: Decimal | None
    realisasi: Decimal | None


@dataclass(frozen=True)
class Gabungan:
    target: Decimal | None
    realisasi: Decimal | None
    teks: str
    catatan: list[str] = field(default_factory=list)


def _names(rows: Sequence[Triwulan]) -> str:
    if not rows:
        return "—"
    if len(rows) == 1:
        return f"TW {ROMAWI[rows[0].nomor]}"
    return f"TW {ROMAWI[rows[0].nomor]}–{ROMAWI[rows[-1].nomor]}"


def _sum(values) -> Decimal | None:
    values = list(values)
    return None if not values or any(v is None for v in values) else sum(values, Decimal(0))


def _cumulative(rows: Sequence[Triwulan], tahunan: Decimal | None, full_year: bool) -> Gabungan:
    reported = [r for r in rows if r.realisasi is not None]
    realisasi = _sum(r.realisasi for r in reported)
    if full_year:
        return Gabungan(tahunan, realisasi, f"Σ realisasi {_names(reported)} ÷ target tahunan")
    return Gabungan(
        _sum(r.target for r in rows), realisasi, f"Σ realisasi {_names(reported)} ÷ Σ target {_names(rows)}"
    )


def _last(rows: Sequence[Triwulan], tahunan: Decimal | None, full_year: bool) -> Gabungan:
    reported = [r for r in rows if r.realisasi is not None]
    if not reported:  # nothing yet: the target of the period's last triwulan, for the table
        last = rows[-1] if rows else None
        target = (last.target if last and last.target is not None else tahunan) if last else tahunan
        return Gabungan(target, None, "nilai triwulan terakhir yang dilaporkan")
    last = reported[-1]
    target = tahunan if (full_year and last.nomor == 4) or last.target is None else last.target
    return Gabungan(target, last.realisasi, f"nilai {_names([last])} ÷ targetnya")


def _average(rows: Sequence[Triwulan], tahunan: Decimal | None, full_year: bool) -> Gabungan:
    reported = [r for r in rows if r.realisasi is not None]
    targets = [r.target if r.target is not None else tahunan for r in (reported or rows)]
    if not reported:
        target = None if not targets or None in targets else sum(targets, Decimal(0)) / len(targets)
        return Gabungan(target, None, "rata-rata realisasi ÷ rata-rata target")
    target = None if any(t is None for t in targets) else sum(targets, Decimal(0)) / len(targets)
    realisasi = sum((r.realisasi for r in reported), Decimal(0)) / len(reported)
    return Gabungan(target, realisasi, f"rata-rata realisasi {_names(reported)} ÷ rata-rata targetnya")


ROLLUPS: dict[str, tuple[str, Callable[..., Gabungan]]] = {
    KUMULATIF: ("Kumulatif", _cumulative),
    NILAI_AKHIR: ("Nilai akhir", _last),
    RATA_RATA: ("Rata-rata", _average),
}


def gabung(cara: str, rows: Sequence[Triwulan], tahunan: Decimal | None, *, full_year: bool) -> Gabungan:
    """Target and realisasi of a period from its triwulan, by the indikator's roll-up method."""
    rows = sorted(rows, key=lambda r: r.nomor)
    result = ROLLUPS[cara][1](rows, tahunan, full_year)
    missing = [r for r in rows if r.realisasi is None]
    if missing and len(missing) < len(rows):
        names = ", ".join(_names([r]) for r in missing)
        result.catatan.append(f"{names} belum dilaporkan")
    return result


def serapan(pagu: Decimal | None, realisasi_anggaran: Decimal | None) -> Decimal | None:
    """Budget absorbed, in percent; None without a pagu or without spending reported."""
    if not pagu or realisasi_anggaran is None:
        return None
    return quantize(realisasi_anggaran / pagu * HUNDRED, 2)


def efisiensi(nilai_capaian: Decimal | None, nilai_serapan: Decimal | None) -> Decimal | None:
    """Capaian − serapan (percentage points), as the e-SAKIP applications show it."""
    if nilai_capaian is None or nilai_serapan is None:
        return None
    return quantize(nilai_capaian - nilai_serapan, 2)


PERIODS: dict[str, tuple[int, ...]] = {
    "tw1": (1,),
    "tw2": (2,),
    "tw3": (3,),
    "tw4": (4,),
    "s1": (1, 2),
    "s2": (3, 4),
    "semester": (1, 2),
    "tahunan": (1, 2, 3, 4),
}
