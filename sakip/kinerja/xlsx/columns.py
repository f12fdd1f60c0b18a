"""The columns of the template, and how the headers offices write are matched to them."""

import re

# (key, header as the template writes it)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("sasaran", "Sasaran Strategis"),
    ("indikator", "Indikator Kinerja"),
    ("satuan", "Satuan"),
    ("polaritas", "Polaritas"),
    ("cara", "Cara Perhitungan"),
    ("target", "Target Tahunan"),
    ("t1", "Target TW I"),
    ("t2", "Target TW II"),
    ("t3", "Target TW III"),
    ("t4", "Target TW IV"),
    ("r1", "Realisasi TW I"),
    ("r2", "Realisasi TW II"),
    ("r3", "Realisasi TW III"),
    ("r4", "Realisasi TW IV"),
    ("unit", "Unit Kerja"),
)
REQUIRED = ("sasaran", "indikator", "satuan", "target")
ALIASES = {
    "sasaran": "sasaran strategis",
    "indikator": "indikator kinerja",
    "iku": "indikator kinerja",
    "polaritas indikator": "polaritas",
    "cara pengukuran": "cara perhitungan",
    "metode perhitungan": "cara perhitungan",
    "target": "target tahunan",
    "target pk": "target tahunan",
    "unit": "unit kerja",
    "unit penanggung jawab": "unit kerja",
    "penanggung jawab": "unit kerja",
}
ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}
POLARITAS = {"positif": "positif", "+": "positif", "negatif": "negatif", "-": "negatif"}
CARA = {
    "kumulatif": "kumulatif",
    "akumulatif": "kumulatif",
    "nilai akhir": "nilai_akhir",
    "nilai terakhir": "nilai_akhir",
    "akhir": "nilai_akhir",
    "rata rata": "rata_rata",
    "rata-rata": "rata_rata",
    "ratarata": "rata_rata",
}


def normal(text) -> str:
    """'  TARGET  Triwulan 1 ' → 'target tw i'; 'Realisasi TW-II' → 'realisasi tw ii'."""
    words = re.sub(r"[^0-9a-z+\-]+", " ", str(text or "").casefold()).replace("-", " ").split()
    words = ["tw" if w in ("triwulan", "trw", "tw.") else ROMAN.get(w, w) for w in words]
    joined = " ".join(words)
    joined = re.sub(r"\btw(i{1,3}|iv|[1-4])\b", lambda m: "tw " + ROMAN.get(m.group(1), m.group(1)), joined)
    return ALIASES.get(joined, joined)


HEADER_KEYS = {normal(header): key for key, header in COLUMNS}


def match_headers(cells) -> dict[str, int]:
    """{column key: 0-based index} of the recognised headers of one row."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = HEADER_KEYS.get(normal(cell))
        if key and key not in found:
            found[key] = index
    return found


def choice(value, table: dict[str, str], default: str) -> str | None:
    text = " ".join(str(value or "").casefold().replace("_", " ").split())
    if not text:
        return default
    return table.get(text) or table.get(text.replace(" ", ""))
