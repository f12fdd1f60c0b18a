"""The step table's header: which column is No, Uraian, each pelaksana, Kelengkapan, Waktu, Output, Keterangan.

Offices print the header in one row or two ("Pelaksana" and "Mutu Baku" over the names), spell the columns
their own way (Uraian Prosedur, Aktivitas, Persyaratan, Ouput, Ket.) and with typos; a pelaksana column may
carry a role, an abbreviation or only a placeholder ("Pelaksana", dots).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sop.content import MAX_PELAKSANA, TOO_MANY_PELAKSANA
from sop.importing import fuzzy, values
from sop.importing.result import SopImportError
from sop.importing.rows import Row
from sop.models import Pelaksana

_NO = {"NO", "NOMOR", "NO URUT", "NOMOR URUT", "NMR", "NOMER"}
_URAIAN_WORDS = ("KEGIATAN", "AKTIVITAS", "AKTIFITAS", "PROSEDUR", "LANGKAH", "TAHAPAN")
_PLACEHOLDER = re.compile(r"^(?:PELAKSANA(?: \d{1,2})?|MUTU BAKU|\(?\d{1,2}\)?|[A-Z])?$")


def is_no(label: str) -> bool:
    return label in _NO


def is_uraian(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 4:
        return False
    return fuzzy.has_word(label, ("URAIAN",)) or any(fuzzy.is_typo_of(words[0], word) for word in _URAIAN_WORDS)


def is_pelaksana_label(label: str) -> bool:
    return fuzzy.matches_any(label, ("PELAKSANA",))


def is_mutu_baku_label(label: str) -> bool:
    return fuzzy.matches_any(label, ("MUTU BAKU",))


def mutu_kind(label: str) -> str:
    """Which Mutu Baku (or Keterangan) column a header label names; '' for none."""
    words = label.replace("/", " ").split()
    if not words:
        return ""
    first = words[0]
    if any(fuzzy.is_typo_of(word, target) for word in words for target in ("KELENGKAPAN", "PERSYARATAN")):
        return "kelengkapan"
    if fuzzy.is_typo_of(first, "WAKTU"):
        return "waktu"
    if any(fuzzy.is_typo_of(first, target) for target in ("OUTPUT", "OUPUT", "HASIL", "KELUARAN")):
        return "output"
    if first == "KET" or fuzzy.is_typo_of(first, "KETERANGAN"):
        return "keterangan"
    return ""


def positions(row: Row) -> tuple[int | None, int | None]:
    """The No and Uraian columns of a header row."""
    labels = [values.normal(cell) for cell in row.cells]
    no = next((i for i, label in enumerate(labels) if is_no(label)), None)
    if no is None:
        return None, None
    uraian = next((i for i, label in enumerate(labels) if i > no and is_uraian(label)), None)
    return no, uraian


def is_table_header(row: Row) -> bool:
    filled = row.filled
    if len(filled) < 3 or not is_no(values.normal(filled[0][1])):
        return False
    labels = [values.normal(cell) for _index, cell in filled]
    if not any(is_uraian(label) for label in labels[1:3]):
        return False
    return any(is_pelaksana_label(label) or is_mutu_baku_label(label) or mutu_kind(label) for label in labels)


@dataclass
class Columns:
    width: int
    no: int
    uraian: int
    pelaksana: list[int]
    names: list[str]
    kelengkapan: int
    waktu: int
    output: int | None
    keterangan: int | None
    satuan: str
    notes: list[str] = field(default_factory=list)  # what a person should know about the header


def _covered(row: Row, *, keep_pelaksana: bool = False) -> set[int]:
    """Grid columns a merged cell of the row spans beyond its first.

    With `keep_pelaksana`, not those under a "Pelaksana" cell: with no row of names below, each grid column
    under it is a pelaksana column whose name the office left out.
    """
    covered = set()
    for owner, span in row.spans.items():
        if keep_pelaksana and owner < len(row.cells) and is_pelaksana_label(values.normal(row.cells[owner])):
            continue
        covered.update(owner + step for step in range(1, span))
    return covered


def _texts(header: Row, sub: Row | None, no: int, uraian: int, width: int) -> list[str]:
    texts = []
    for index in range(width):
        # No and Uraian span both header rows; a second row that writes something there does not line up.
        below = sub.cells[index] if sub and index < len(sub.cells) and index not in (no, uraian) else ""
        above = header.cells[index] if index < len(header.cells) else ""
        texts.append(" ".join((below or above).split()))
    return texts


def _names(texts: list[str], indices: list[int], notes: list[str]) -> list[str]:
    """The pelaksana names; a placeholder ("Pelaksana", dots, a number) becomes "Pelaksana n" with a note."""
    names = [texts[i] for i in indices]
    taken = {name.casefold() for name in names if not _PLACEHOLDER.match(values.normal(name))}
    for position, name in enumerate(names):
        if not _PLACEHOLDER.match(values.normal(name)):
            continue
        number = position + 1
        while (replacement := _("Pelaksana %(n)s") % {"n": number}).casefold() in taken:
            number += len(names)
        taken.add(replacement.casefold())
        names[position] = replacement
        written = _("“%(teks)s”") % {"teks": name} if name else _("kosong")
        notes.append(
            _("kolom pelaksana ke-%(n)s tidak bernama (tertulis %(tertulis)s); disimpan sebagai “%(nama)s” — ganti "
              "dengan nama jabatannya di editor.")
            % {"n": position + 1, "tertulis": written, "nama": replacement}
        )  # fmt: skip
    return names


def _mutu(labels: list[str], uraian: int, merged: set[int]) -> dict[str, int]:
    """The first column of each Mutu Baku kind (and Keterangan) right of Uraian."""
    mutu: dict[str, int] = {}
    for index in range(uraian + 1, len(labels)):
        kind = mutu_kind(labels[index])
        if kind and kind not in mutu and index not in merged:
            mutu[kind] = index
    return mutu


def read_columns(header: Row, sub: Row | None) -> Columns:
    """The columns of the step table from its header row and, under Pelaksana and Mutu Baku, its second row."""

    def fail(message: str):
        raise SopImportError(message, where=header.where)

    no, uraian = positions(header)
    if no is None or uraian is None:
        fail(_("tabel langkah tidak punya kolom No dan Uraian Kegiatan di baris kepalanya."))
    width = max(len(header.cells), len(sub.cells) if sub else 0)
    texts = _texts(header, sub, no, uraian, width)
    labels = [values.normal(text) for text in texts]
    # A grid column that a merged cell spans in every header row is part of that cell, not a column.
    merged = _covered(header) & _covered(sub) if sub is not None else _covered(header, keep_pelaksana=True)
    mutu = _mutu(labels, uraian, merged)
    missing = [name for kind, name in (("kelengkapan", "Kelengkapan"), ("waktu", "Waktu")) if kind not in mutu]
    if missing:
        fail(
            _("tabel langkah tidak punya kolom Mutu Baku: %(kolom)s belum ada di kepala tabel.")
            % {"kolom": ", ".join(missing)}
        )
    first_mutu = min(index for kind, index in mutu.items() if kind != "keterangan")
    # The second row may be wider than the first (a header whose last cells were left out): pad to the width.
    header_labels = [values.normal(cell) for cell in header.cells] + [""] * (width - len(header.cells))
    start = next((i for i in range(uraian + 1, first_mutu) if is_pelaksana_label(header_labels[i])), uraian + 1)
    pelaksana = [index for index in range(start, first_mutu) if index not in merged]
    if not pelaksana:
        fail(_("tabel langkah tidak punya kolom pelaksana (nama jabatan di bawah judul “Pelaksana”)."))
    if len(pelaksana) > MAX_PELAKSANA:
        fail(
            _("tabel langkah punya %(n)s kolom pelaksana. %(why)s")
            % {"n": len(pelaksana), "why": TOO_MANY_PELAKSANA % {"num": MAX_PELAKSANA}}
        )
    notes: list[str] = []
    names = _names(texts, pelaksana, notes)
    too_long = [name for name in names if len(name) > Pelaksana._meta.get_field("nama").max_length]
    if too_long:
        fail(_("nama pelaksana terlalu panjang: “%(nama)s…”.") % {"nama": too_long[0][:60]})
    for kind, name in (("output", "Output"), ("keterangan", "Keterangan")):
        if kind not in mutu:
            notes.append(
                _("tabel langkah tidak punya kolom %(kolom)s; %(kolom)s setiap langkah dibiarkan kosong.")
                % {"kolom": name}
            )
    return Columns(
        width=width,
        no=no,
        uraian=uraian,
        pelaksana=pelaksana,
        names=names,
        kelengkapan=mutu["kelengkapan"],
        waktu=mutu["waktu"],
        output=mutu.get("output"),
        keterangan=mutu.get("keterangan"),
        satuan=values.satuan_of_header(texts[mutu["waktu"]]),
        notes=notes,
    )
