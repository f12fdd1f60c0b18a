"""Rows of cells, the common form of every document, and the labels offices write in them.

Both readers (text export, .docx) turn a document into `Row`s: a line of the text export split at its tabs,
or a row of a Word table (a paragraph outside tables is a row of one cell).
"""

import re
from dataclasses import dataclass, field

from sop.importing import values
from sop.importing.result import LISTS


@dataclass
class Row:
    cells: list[str]
    where: str  # "baris 12" or "tabel 3, baris 5" — how a person finds it in the document
    symbols: dict[int, str] = field(default_factory=dict)  # cell index → drawn flowchart symbol (.docx)

    @property
    def filled(self) -> list[tuple[int, str]]:
        return [(index, cell) for index, cell in enumerate(self.cells) if cell]

    @property
    def blank(self) -> bool:
        return not any(self.cells) and not self.symbols

    @property
    def text(self) -> str:
        return "\n".join(cell for cell in self.cells if cell)


# ---------------------------------------------------------------- labels

IDENTITY, LEMBAR, LEMBAR_REST = "identity", "lembar", "lembar_rest"
IDENTITY_KEYS = ("nomor", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif", "disahkan", "judul")
LEMBAR_KEYS = ("judul", "jenis_kegiatan", "penanggung_jawab", "pj_produk", "pj_kegiatan", "ruang_lingkup")

_LABEL_PATTERNS = {
    "nomor": r"no(?:mor|\.)?\s*sop",
    "tanggal_pembuatan": r"(?:tanggal|tgl)\s*\.?\s*(?:pembuatan|dibuat)",
    "tanggal_revisi": r"(?:tanggal|tgl)\s*\.?\s*revisi",
    "tanggal_efektif": r"(?:tanggal|tgl)\s*\.?\s*(?:efektif|berlaku)",
    "disahkan": r"di\s*sahkan\s*oleh|pengesahan",
    "judul": r"(?:judul|nama)\s*sop",
    "dasar_hukum": r"dasar\s*hukum",
    "kualifikasi": r"kualifikasi\s*pelaksana(?:an)?",
    "keterkaitan": r"keterkaitan(?:\s*(?:dengan\s*)?(?:sop|prosedur)\s*lain)?",
    "peralatan": r"peralatan\s*(?:/|dan|&)?\s*perlengkapan|peralatan|perlengkapan",
    "peringatan": r"peringatan",
    "pencatatan": r"pencatatan\s*(?:/|dan|&)?\s*pendataan|pencatatan",
    "jenis_kegiatan": r"jenis\s*kegiatan",
    "penanggung_jawab": r"penanggung\s*jawab",
    "pj_produk": r"produk",
    "pj_kegiatan": r"kegiatan",
    "ruang_lingkup": r"scope(?:\s*\(\s*ruang\s*lingkup\s*\))?|ruang\s*lingkup",
}
_SECTION_KEYS = {
    IDENTITY: (*IDENTITY_KEYS, *LISTS),
    LEMBAR: LEMBAR_KEYS,
    LEMBAR_REST: ("nomor", "tanggal_pembuatan", "tanggal_efektif", "disahkan", *LISTS),
}
_PREFIX = r"^(?:(?:\d{1,2}|[a-hA-H])\s?[.)]\s*)?"
_END = r"\s*(?:[:：]\s*(?P<rest>.*)|$)"
# One pattern per section, the labels as named alternatives in order: one match call per cell.
_SECTION_RE = {
    section: re.compile(
        _PREFIX + "(?:" + "|".join(f"(?P<{key}>{_LABEL_PATTERNS[key]})" for key in keys) + ")" + _END, re.I
    )
    for section, keys in _SECTION_KEYS.items()
}
COLON = {":", "：", "-"}


@dataclass
class Label:
    index: int  # cell
    key: str
    inline: str  # what follows the label inside the same cell


def match_label(cell: str, section: str) -> Label | None:
    first, _newline, after = cell.partition("\n")
    match = _SECTION_RE[section].match(first)
    if match is None:
        return None
    key = next(name for name in _SECTION_KEYS[section] if match[name] is not None)
    inline = "\n".join(part for part in ((match["rest"] or "").strip(), after.strip()) if part)
    return Label(-1, key, inline)


def labels_of(row: Row, section: str) -> list[Label]:
    found = []
    for index, cell in row.filled:
        label = match_label(cell, section)
        if label is not None:
            label.index = index
            found.append(label)
    return found


def section_of(row: Row) -> str | None:
    filled = row.filled
    if len(filled) != 1:
        return None
    first = filled[0][1].split("\n", 1)[0]
    if "lembar" not in first.lower() and "identifikasi" not in first.lower():
        return None
    text = values.normal(first)
    if text.startswith("LEMBAR KERJA"):
        return LEMBAR
    if re.match(r"^(?:[A-C] )?IDENTIFIKASI (?:KEGIATAN|LANGKAH)$", text):
        return LEMBAR_REST
    return None
