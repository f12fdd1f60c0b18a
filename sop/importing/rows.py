"""Rows of cells, the common form of every document, and the labels offices write in them.

Both readers (text export, .docx) turn a document into `Row`s: a line of the text export split at its tabs,
or a row of a Word table (a paragraph outside tables is a row of one cell).
"""

import functools
import re
from dataclasses import dataclass, field

from sop.importing import fuzzy, values
from sop.importing.result import LISTS


@dataclass
class Row:
    cells: list[str]
    where: str  # "baris 12" or "tabel 3, baris 5" — how a person finds it in the document
    symbols: dict[int, str] = field(default_factory=dict)  # cell index → drawn flowchart symbol (.docx)
    # cell index → how many grid columns a merged cell (.docx gridSpan) covers; the covered ones stay empty
    spans: dict[int, int] = field(default_factory=dict)

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
    "nomor": r"no(?:mor|mer|\.)?\s*sop",
    "tanggal_pembuatan": r"(?:tanggal|tgl)\s*\.?\s*(?:pembuatan|dibuat)",
    "tanggal_revisi": r"(?:tanggal|tgl)\s*\.?\s*revisi",
    "tanggal_efektif": r"(?:tanggal|tgl)\s*\.?\s*(?:efektif|berlaku|pengesahan|ditetapkan|penetapan)",
    "disahkan": r"di\s*sahkan\s*oleh|di\s*tetapkan\s*oleh|pengesahan",
    "judul": r"(?:judul|nama)\s*sop",
    "dasar_hukum": r"dasar\s*hukum",
    "kualifikasi": r"kualifikasi\s*pelaksana(?:an)?",
    "keterkaitan": r"keterkaitan(?:\s*(?:dengan\s*)?(?:sop|prosedur)(?:\s*lain)?)?",
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

# The same labels as whole words, for a label with a typo ("Tanggal Pembutan", "Kwalifikasi Pelaksana").
# Compared letters only, so spaces, dots and slashes do not count.
_SPELLINGS = {
    "nomor": ("NOMOR SOP", "NO SOP", "NOMER SOP"),
    "tanggal_pembuatan": ("TANGGAL PEMBUATAN", "TGL PEMBUATAN", "TANGGAL DIBUAT"),
    "tanggal_revisi": ("TANGGAL REVISI", "TGL REVISI"),
    "tanggal_efektif": (
        "TANGGAL EFEKTIF", "TGL EFEKTIF", "TANGGAL BERLAKU", "TGL BERLAKU", "TANGGAL PENGESAHAN",
        "TGL PENGESAHAN", "TANGGAL DITETAPKAN", "TGL DITETAPKAN", "TANGGAL PENETAPAN",
    ),
    "disahkan": ("DISAHKAN OLEH", "DITETAPKAN OLEH", "PENGESAHAN"),
    "judul": ("JUDUL SOP", "NAMA SOP"),
    "dasar_hukum": ("DASAR HUKUM",),
    "kualifikasi": ("KUALIFIKASI PELAKSANA", "KUALIFIKASI PELAKSANAAN"),
    "keterkaitan": ("KETERKAITAN", "KETERKAITAN DENGAN SOP LAIN"),
    "peralatan": ("PERALATAN PERLENGKAPAN", "PERALATAN DAN PERLENGKAPAN", "PERALATAN", "PERLENGKAPAN"),
    "peringatan": ("PERINGATAN",),
    "pencatatan": ("PENCATATAN DAN PENDATAAN", "PENCATATAN PENDATAAN", "PENCATATAN"),
    "jenis_kegiatan": ("JENIS KEGIATAN",),
    "penanggung_jawab": ("PENANGGUNG JAWAB",),
    "ruang_lingkup": ("RUANG LINGKUP", "SCOPE RUANG LINGKUP"),
}  # fmt: skip
_HEAD = re.compile(_PREFIX + r"(?P<head>[^:：\n]{5,45}?)\s*(?:[:：]\s*(?P<rest>.*))?$")
_SECTION_SPELLINGS = {
    section: fuzzy.spellings({key: _SPELLINGS[key] for key in keys if key in _SPELLINGS})
    for section, keys in _SECTION_KEYS.items()
}


@functools.lru_cache(maxsize=4096)  # a document repeats its cells (headers on every page, marks)
def _typo_label(first: str, section: str) -> tuple[str, str] | None:
    """(key, what follows the colon) for a label written with a typo, or None."""
    match = _HEAD.match(first)
    if match is None:
        return None
    key = fuzzy.first_match(match["head"], _SECTION_SPELLINGS[section])
    return None if key is None else (key, (match["rest"] or "").strip())


@dataclass
class Label:
    index: int  # cell
    key: str
    inline: str  # what follows the label inside the same cell


def match_label(cell: str, section: str, *, typos: bool = True) -> Label | None:
    """The label a cell starts with; with `typos`, also one written with a slip of the hand."""
    first, _newline, after = cell.partition("\n")
    match = _SECTION_RE[section].match(first)
    if match is not None:
        key = next(name for name in _SECTION_KEYS[section] if match[name] is not None)
        rest = (match["rest"] or "").strip()
    else:
        typo = _typo_label(first, section) if typos else None
        if typo is None:
            return None
        key, rest = typo
    inline = "\n".join(part for part in (rest, after.strip()) if part)
    return Label(-1, key, inline)


def labels_of(row: Row, section: str) -> list[Label]:
    found = []
    for position, (index, cell) in enumerate(row.filled):
        # A label is the first or second cell of its row (after the kop), or ends in a colon; only those are
        # worth the slower typo matching.
        label = match_label(cell, section, typos=position < 2 or ":" in cell[:50])
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
