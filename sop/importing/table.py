"""The step table: No | Uraian | one column per pelaksana | Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sop.importing import values
from sop.importing.result import ParsedDocument, ParsedStep, SopImportError
from sop.importing.rows import IDENTITY, LEMBAR, Row, labels_of
from sop.models import Langkah, Pelaksana

MAX_STEPS = 500
MAX_PELAKSANA = 40


_STEP_NO = re.compile(r"^\d{1,3}\s?[.)]?$")


def _is_no(label: str) -> bool:
    return label in {"NO", "NOMOR", "NO URUT", "NOMOR URUT"}


def _is_uraian(label: str) -> bool:
    return "URAIAN" in label or label in {"KEGIATAN", "AKTIVITAS", "PROSEDUR", "LANGKAH", "LANGKAH KEGIATAN"}


def _mutu_kind(label: str) -> str:
    if "KELENGKAPAN" in label or "PERSYARATAN" in label:
        return "kelengkapan"
    if label.startswith("WAKTU"):
        return "waktu"
    if label.startswith(("OUTPUT", "OUPUT", "OUTPU", "HASIL", "KELUARAN")):
        return "output"
    if label.startswith("KET"):
        return "keterangan"
    return ""


def is_table_header(row: Row) -> bool:
    filled = row.filled
    if len(filled) < 3 or not _is_no(values.normal(filled[0][1])):
        return False
    labels = [values.normal(cell) for _index, cell in filled]
    if not any(_is_uraian(label) for label in labels[1:3]):
        return False
    return any(label in {"PELAKSANA", "MUTU BAKU"} or _mutu_kind(label) for label in labels)


@dataclass
class Columns:
    width: int
    no: int
    uraian: int
    pelaksana: list[int]
    names: list[str]
    kelengkapan: int
    waktu: int
    output: int
    keterangan: int | None
    satuan: str


def _columns(header: Row, sub: Row | None) -> Columns:
    """The columns of the step table from its header row and, under Pelaksana and Mutu Baku, its second row."""
    where = header.where

    def fail(message: str):
        raise SopImportError(message, where=where)

    header_labels = [values.normal(cell) for cell in header.cells]
    # No and Uraian span both header rows; a second row that writes something there does not line up.
    no = next((i for i, label in enumerate(header_labels) if _is_no(label)), None)
    uraian = next((i for i, label in enumerate(header_labels) if no is not None and i > no and _is_uraian(label)), None)
    if no is None or uraian is None:
        fail(_("tabel langkah tidak punya kolom No dan Uraian Kegiatan di baris kepalanya."))
    width = max(len(header.cells), len(sub.cells) if sub else 0)
    texts = []
    for index in range(width):
        below = sub.cells[index] if sub and index < len(sub.cells) and index not in (no, uraian) else ""
        above = header.cells[index] if index < len(header.cells) else ""
        texts.append(" ".join((below or above).split()))
    labels = [values.normal(text) for text in texts]
    mutu = {}
    for index in range(uraian + 1, width):
        kind = _mutu_kind(labels[index])
        if kind and kind not in mutu:
            mutu[kind] = index
    required = (("kelengkapan", "Kelengkapan"), ("waktu", "Waktu"), ("output", "Output"))
    missing = [name for kind, name in required if kind not in mutu]
    if missing:
        fail(
            _("tabel langkah tidak punya kolom Mutu Baku: %(kolom)s belum ada di kepala tabel.")
            % {"kolom": ", ".join(missing)}
        )
    first_mutu = min(index for kind, index in mutu.items() if kind != "keterangan")
    start = header_labels.index("PELAKSANA") if "PELAKSANA" in header_labels[:first_mutu] else uraian + 1
    pelaksana = list(range(max(start, uraian + 1), first_mutu))
    names = [texts[i] for i in pelaksana]
    if not any(names):
        fail(_("tabel langkah tidak punya kolom pelaksana (nama jabatan di bawah judul “Pelaksana”)."))
    for position, name in enumerate(names):
        if not name or values.normal(name) in {"PELAKSANA", "MUTU BAKU"}:
            fail(
                _("kolom pelaksana ke-%(n)s tidak bernama; tulis nama jabatannya di kepala tabel.")
                % {"n": position + 1}
            )
    if len(pelaksana) > MAX_PELAKSANA:
        fail(
            _("tabel langkah punya %(n)s kolom pelaksana; paling banyak %(max)s.")
            % {"n": len(pelaksana), "max": MAX_PELAKSANA}
        )
    too_long = [name for name in names if len(name) > Pelaksana._meta.get_field("nama").max_length]
    if too_long:
        fail(_("nama pelaksana terlalu panjang: “%(nama)s…”.") % {"nama": too_long[0][:60]})
    return Columns(
        width=width,
        no=no,
        uraian=uraian,
        pelaksana=pelaksana,
        names=names,
        kelengkapan=mutu["kelengkapan"],
        waktu=mutu["waktu"],
        output=mutu["output"],
        keterangan=mutu.get("keterangan"),
        satuan=values.satuan_of_header(texts[mutu["waktu"]]),
    )


def _plain(text: str) -> str:
    """A cell's text without drawn-symbol markers, paragraphs joined by line breaks."""
    return "\n".join(line for line in text.split("\n") if not line.startswith(values.SYMBOL)).strip()


def _score(cells: list[str], columns: Columns) -> int:
    """How much a candidate alignment of a short or long row looks like a step row."""
    score = 0
    for index in columns.pelaksana:
        mark = values.mark_of(cells[index])
        if mark and not values.symbol_kind(mark) and (len(mark) > 12 or any(ch.isdigit() for ch in mark)):
            score -= 3
    waktu = cells[columns.waktu].strip()
    if waktu:
        score += 2 if values.parse_waktu(waktu, columns.satuan).nilai is not None else -2
    for index in (columns.kelengkapan, columns.output):
        if cells[index].strip() and values.parse_waktu(cells[index], columns.satuan).nilai is not None:
            score -= 1
    return score


def _align(cells: list[str], columns: Columns) -> tuple[list[str], bool]:
    """Fit a row with too few or too many cells to the header (Word exports drop empty cells).

    Returns the cells and whether anything non-empty had to be dropped.
    """
    width = columns.width
    if len(cells) == width:
        return cells, False
    block = columns.pelaksana
    candidates = []
    if len(cells) < width:
        missing = width - len(cells)
        candidates.append(cells + [""] * missing)
        for position in range(block[0], block[-1] + 2 - missing):
            if position <= len(cells):
                candidates.append(cells[:position] + [""] * missing + cells[position:])
    else:
        extra = len(cells) - width
        if not any(cell.strip() for cell in cells[width:]):
            candidates.append(cells[:width])
        for position in range(block[0], block[-1] + 2 - extra):
            if not any(cell.strip() for cell in cells[position : position + extra]):
                candidates.append(cells[:position] + cells[position + extra :])
    if not candidates:
        return cells[:width], True
    best = max(candidates, key=lambda candidate: _score(candidate, columns))  # max keeps the first of equals
    return best, False


class TableReader:
    """Reads the step table whose header row is at `index` into the document's pelaksana and steps."""

    def __init__(self, rows: list[Row], document: ParsedDocument):
        self.rows = rows
        self.doc = document
        # Text of continuation rows, joined once the table ends (joining row by row would be quadratic).
        self.more: dict[tuple[int, str], list[str]] = {}

    def read(self, index: int) -> int:
        """Read the table; returns the index of the first row after it."""
        header = self.rows[index]
        position = index + 1
        count = len(self.rows)
        while position < count and self.rows[position].blank:
            position += 1
        sub = None
        if position < count and self._is_sub_header(self.rows[position]):
            sub = self.rows[position]
            position += 1
        columns = _columns(header, sub)
        self.doc.pelaksana = list(columns.names)
        steps = self.doc.steps
        numbers_seen = []
        while position < count:
            row = self.rows[position]
            if row.blank:
                position += 1
                continue
            if is_table_header(row):
                position = self.skip_header(position)
                continue
            first = row.cells[columns.no].strip() if columns.no < len(row.cells) else ""
            if len(row.cells) == 1 and not row.symbols:
                break
            if _STEP_NO.match(first):
                step = self._step(row, columns)
                if step is not None:
                    if len(steps) >= MAX_STEPS:
                        raise SopImportError(
                            _("tabel langkah punya lebih dari %(max)s langkah.") % {"max": MAX_STEPS}, where=row.where
                        )
                    steps.append(step)
                    numbers_seen.append(int(re.sub(r"\D", "", first)))
            elif self._is_column_numbers(row):
                pass
            elif not first and steps and not labels_of(row, IDENTITY) and not labels_of(row, LEMBAR):
                self._continue_step(steps[-1], row, columns)
            elif not first and not steps and not labels_of(row, IDENTITY):
                pass  # a third header line (e.g. "(1) (2) …" or a unit row) before the first step
            else:
                break
            position += 1
        for (index, name), parts in self.more.items():
            setattr(steps[index], name, " ".join([getattr(steps[index], name), *parts]).strip())
        for number, step in enumerate(steps, start=1):
            if step.pelaksana_index is None:
                self.doc.warn(
                    _("Langkah %(n)s: tidak ada tanda di kolom pelaksana; pilih pelaksananya di editor.")
                    % {"n": number},
                    step.where,
                )
        if not steps:
            self.doc.warn(_("tabel langkah tidak punya baris langkah; SOP diimpor tanpa langkah."), header.where)
        elif numbers_seen != list(range(1, len(numbers_seen) + 1)):
            self.doc.warn(
                _("nomor langkah di dokumen tidak urut (%(nomor)s); langkah disimpan berurutan 1–%(n)s.")
                % {"nomor": ", ".join(str(n) for n in numbers_seen[:30]), "n": len(steps)},
                header.where,
            )
        return position

    def skip_header(self, index: int) -> int:
        """Past a header repeated on a new page (and its second line)."""
        position = index + 1
        while position < len(self.rows) and self.rows[position].blank:
            position += 1
        if position < len(self.rows) and self._is_sub_header(self.rows[position]):
            position += 1
        return position

    @staticmethod
    def _is_sub_header(row: Row) -> bool:
        if row.blank or len(row.cells) < 3 or is_table_header(row):
            return False
        first = row.cells[0].strip()
        return not first and not _STEP_NO.match(first) and any(_mutu_kind(values.normal(c)) for c in row.cells)

    @staticmethod
    def _is_column_numbers(row: Row) -> bool:
        numbers = [cell.strip("() ") for _index, cell in row.filled]
        return len(numbers) >= 3 and numbers == [str(n) for n in range(1, len(numbers) + 1)]

    def _with_symbols(self, row: Row) -> list[str]:
        cells = list(row.cells)
        for index, kind in row.symbols.items():
            if index < len(cells):
                cells[index] = values.SYMBOL + kind + ("\n" + cells[index] if cells[index] else "")
        return cells

    def _step(self, row: Row, columns: Columns) -> ParsedStep | None:
        doc = self.doc
        cells, dropped = _align(self._with_symbols(row), columns)
        number = len(doc.steps) + 1
        if dropped:
            doc.warn(
                _("baris ini punya %(n)s sel, lebih banyak dari %(m)s kolom tabel; isi di luar kolom diabaikan.")
                % {"n": len(row.cells), "m": columns.width},
                row.where,
            )
        marks = [(position, values.mark_of(cells[index])) for position, index in enumerate(columns.pelaksana)]
        marks = [(position, mark) for position, mark in marks if mark]
        step = ParsedStep(
            uraian=_plain(cells[columns.uraian]),
            where=row.where,
            number=row.cells[columns.no].strip(),
            kelengkapan=_plain(cells[columns.kelengkapan]),
            output=_plain(cells[columns.output]),
            keterangan=_plain(cells[columns.keterangan]) if columns.keterangan is not None else "",
        )
        waktu_text = _plain(cells[columns.waktu])
        if not (step.uraian or step.kelengkapan or step.output or step.keterangan or waktu_text or marks):
            doc.warn(_("baris langkah %(no)s kosong; dilewati.") % {"no": step.number}, row.where)
            return None
        self._set_waktu(step, waktu_text, columns, number)
        if len(row.cells) != columns.width and marks:
            doc.warn(
                _(
                    "Langkah %(n)s: baris ini punya %(c)s sel, kepala tabel %(w)s kolom; "
                    "periksa apakah pelaksananya benar."
                )
                % {"n": number, "c": len(row.cells), "w": columns.width},
                row.where,
            )
        self._set_pelaksana(step, marks, columns, number)
        return step

    def _set_waktu(self, step: ParsedStep, text: str, columns: Columns, number: int) -> None:
        waktu = values.parse_waktu(text, columns.satuan)
        step.waktu_nilai, step.waktu_satuan, step.waktu_teks = waktu.nilai, waktu.satuan, waktu.teks
        if not waktu.understood:
            self.doc.warn(
                _(
                    "Langkah %(n)s: waktu “%(text)s” tidak terbaca sebagai angka dan satuan "
                    "(mis. 15 menit, 2 jam, 1 hari); disimpan seperti tertulis."
                )
                % {"n": number, "text": waktu.teks},
                step.where,
            )

    def _set_pelaksana(self, step: ParsedStep, marks: list[tuple[int, str]], columns: Columns, number: int) -> None:
        doc = self.doc
        if not marks:
            return  # warned once the table is read: a continuation row may still carry the mark
        position, mark = marks[0]
        step.pelaksana_index = position
        if len(marks) > 1:
            doc.warn(
                _("Langkah %(n)s: ada tanda di %(k)s kolom pelaksana (%(nama)s); dipakai yang pertama, %(first)s.")
                % {
                    "n": number,
                    "k": len(marks),
                    "nama": ", ".join(columns.names[p] for p, _m in marks),
                    "first": columns.names[position],
                },
                step.where,
            )
        kind = values.symbol_kind(mark)
        if kind == "keputusan":
            doc.warn(
                _(
                    "Langkah %(n)s bersimbol keputusan, tetapi tujuan Ya/Tidak tidak terbaca dari dokumen; "
                    "disimpan sebagai proses — jadikan keputusan di editor dan isi tujuannya."
                )
                % {"n": number},
                step.where,
            )
            step.simbol = Langkah.Simbol.PROSES
        elif kind in (Langkah.Simbol.TERMINATOR, Langkah.Simbol.PROSES):
            step.simbol = kind

    def _continue_step(self, step: ParsedStep, row: Row, columns: Columns) -> None:
        """A row without a number under a step: the step's cells went on over two lines (or pages)."""
        cells, _dropped = _align(self._with_symbols(row), columns)
        for name, index in (
            ("uraian", columns.uraian),
            ("kelengkapan", columns.kelengkapan),
            ("output", columns.output),
            ("keterangan", columns.keterangan),
        ):
            if index is None:
                continue
            text = _plain(cells[index])
            if text:
                self.more.setdefault((len(self.doc.steps) - 1, name), []).append(text)
        if step.pelaksana_index is None:
            marks = [(p, values.mark_of(cells[i])) for p, i in enumerate(columns.pelaksana)]
            marks = [(p, m) for p, m in marks if m]
            if marks:
                self._set_pelaksana(step, marks, columns, len(self.doc.steps))  # always the last step
