"""The step table: No | Uraian | one column per pelaksana | Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan.

Each step row becomes a `LangkahInput`: its pelaksana from the mark in the pelaksana columns, its symbol from
what the mark shows (a drawn shape, a symbol character, "MULAI", decision words), its aksi suggested from the
uraian. A row without a mark gets a pelaksana suggestion from its uraian, kept apart for a person to accept.
"""

import re

from django.utils.translation import gettext as _

from sop.content import MAX_LANGKAH, LangkahInput, PelaksanaInput, suggest_aksi
from sop.importing import values
from sop.importing.columns import Columns, is_table_header, mutu_kind, positions, read_columns
from sop.importing.marks import Mark, read_mark, targets_in
from sop.importing.result import ParsedDocument, SopImportError, column_key
from sop.importing.rows import IDENTITY, LEMBAR, Row, labels_of
from sop.importing.suggest import suggest_pelaksana
from sop.models import Langkah

MAX_STEPS = MAX_LANGKAH

_STEP_NO = re.compile(r"^\d{1,3}\s?[.)]?$")
_TEXT_FIELDS = ("uraian", "kelengkapan", "output", "keterangan")


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
        filled = index is not None and cells[index].strip()
        if filled and values.parse_waktu(cells[index], columns.satuan).nilai is not None:
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


def _is_column_numbers(row: Row) -> bool:
    """The row of column numbers some offices print under the header: "1 2 3 …" or "(1) (2) (3) …"."""
    numbers = [cell.strip("() ") for _index, cell in row.filled]
    return len(numbers) >= 3 and numbers == [str(n) for n in range(1, len(numbers) + 1)]


class TableReader:
    """Reads the step table whose header row is at `index` into the document's pelaksana and langkah."""

    def __init__(self, rows: list[Row], document: ParsedDocument):
        self.rows = rows
        self.doc = document
        # Text of continuation rows, joined once the table ends (joining row by row would be quadratic).
        self.more: dict[tuple[int, str], list[str]] = {}
        self.marks: dict[int, tuple[int, Mark]] = {}  # step index → (column position, the mark that decided)

    def _next_filled(self, position: int) -> int:
        while position < len(self.rows) and self.rows[position].blank:
            position += 1
        return position

    def read(self, index: int) -> int:
        """Read the table; returns the index of the first row after it."""
        header = self.rows[index]
        position = self._next_filled(index + 1)
        sub = None
        if position < len(self.rows) and self._is_sub_header(self.rows[position], header):
            sub = self.rows[position]
            position += 1
        columns = read_columns(header, sub)
        for note in columns.notes:
            self.doc.warn(note, header.where)
        self.doc.content.pelaksana = [PelaksanaInput(kunci=column_key(i), nama=n) for i, n in enumerate(columns.names)]
        position = self._rows(position, columns)
        self._finish(columns, header)
        return position

    def _rows(self, position: int, columns: Columns) -> int:
        steps = self.doc.langkah
        while position < len(self.rows):
            row = self.rows[position]
            if row.blank:
                position += 1
                continue
            if is_table_header(row):
                position = self.skip_header(position)
                continue
            if len(row.cells) == 1 and not row.symbols:
                break
            first = row.cells[columns.no].strip() if columns.no < len(row.cells) else ""
            if _is_column_numbers(row):
                pass
            elif _STEP_NO.match(first):
                if len(steps) >= MAX_STEPS:
                    raise SopImportError(
                        _("tabel langkah punya lebih dari %(max)s langkah.") % {"max": MAX_STEPS}, where=row.where
                    )
                self._step(row, columns)
            elif not first and steps and not labels_of(row, IDENTITY) and not labels_of(row, LEMBAR):
                self._continue_step(row, columns)
            elif not first and not steps and not labels_of(row, IDENTITY):
                pass  # a third header line (e.g. a unit row) before the first step
            else:
                break
            position += 1
        return position

    def skip_header(self, index: int) -> int:
        """Past a header repeated on a new page (and its second line)."""
        header = self.rows[index]
        position = self._next_filled(index + 1)
        if position < len(self.rows) and self._is_sub_header(self.rows[position], header):
            position += 1
        return position

    @staticmethod
    def _is_sub_header(row: Row, header: Row) -> bool:
        """The header's second row: names under "Pelaksana", Kelengkapan/Waktu/Output under "Mutu Baku"."""
        if row.blank or len(row.cells) < 3 or is_table_header(row) or _is_column_numbers(row):
            return False
        no, uraian = positions(header)
        if no is None or uraian is None:
            return False
        first = row.cells[no].strip() if no < len(row.cells) else ""
        if _STEP_NO.match(first) or (row.cells[0].strip() and _STEP_NO.match(row.cells[0].strip())):
            return False
        return any(mutu_kind(values.normal(cell)) for cell in row.cells) or any(
            cell.strip() for cell in row.cells[uraian + 1 :]
        )

    def _with_symbols(self, row: Row) -> list[str]:
        cells = list(row.cells)
        for index, kind in row.symbols.items():
            if index < len(cells):
                cells[index] = values.SYMBOL + kind + ("\n" + cells[index] if cells[index] else "")
        return cells

    def _step(self, row: Row, columns: Columns) -> None:
        doc = self.doc
        cells, dropped = _align(self._with_symbols(row), columns)
        number_written = row.cells[columns.no].strip()
        if dropped:
            doc.warn(
                _("baris ini punya %(n)s sel, lebih banyak dari %(m)s kolom tabel; isi di luar kolom diabaikan.")
                % {"n": len(row.cells), "m": columns.width},
                row.where,
            )
        marks = [(p, mark) for p, i in enumerate(columns.pelaksana) if (mark := read_mark(cells[i])) is not None]

        def text(index: int | None) -> str:
            return _plain(cells[index]) if index is not None else ""

        step = LangkahInput(
            uraian=text(columns.uraian),
            kelengkapan=text(columns.kelengkapan),
            output=text(columns.output),
            keterangan=text(columns.keterangan),
            asal=row.where,
        )
        waktu_text = text(columns.waktu)
        if not (step.uraian or step.kelengkapan or step.output or step.keterangan or waktu_text or marks):
            doc.warn(_("baris langkah %(no)s kosong; dilewati.") % {"no": number_written}, row.where)
            return
        doc.langkah.append(step)
        doc.numbers.append(number_written)
        number = len(doc.langkah)
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

    def _set_waktu(self, step: LangkahInput, text: str, columns: Columns, number: int) -> None:
        waktu = values.parse_waktu(text, columns.satuan)
        step.waktu_nilai, step.waktu_satuan, step.waktu_teks = waktu.nilai, waktu.satuan, waktu.teks
        if not waktu.understood:
            self.doc.warn(
                _(
                    "Langkah %(n)s: waktu “%(text)s” tidak terbaca sebagai angka dan satuan "
                    "(mis. 15 menit, 2 jam, 1 hari); disimpan seperti tertulis."
                )
                % {"n": number, "text": waktu.teks},
                step.asal,
            )

    def _set_pelaksana(self, step: LangkahInput, marks: list[tuple[int, Mark]], columns: Columns, number: int):
        if not marks:
            return  # warned once the table is read: a continuation row may still carry the mark
        position, mark = marks[0]
        step.pelaksana_kunci = column_key(position)
        self.marks[number - 1] = (position, mark)
        if len(marks) > 1:
            self.doc.warn(
                _("Langkah %(n)s: ada tanda di %(k)s kolom pelaksana (%(nama)s); dipakai yang pertama, %(first)s.")
                % {
                    "n": number,
                    "k": len(marks),
                    "nama": ", ".join(columns.names[p] for p, _m in marks),
                    "first": columns.names[position],
                },
                step.asal,
            )

    def _continue_step(self, row: Row, columns: Columns) -> None:
        """A row without a number under a step: the step's cells went on over two lines (or pages)."""
        cells, _dropped = _align(self._with_symbols(row), columns)
        last = len(self.doc.langkah) - 1
        for name in _TEXT_FIELDS:
            index = getattr(columns, name)
            text = _plain(cells[index]) if index is not None else ""
            if text:
                self.more.setdefault((last, name), []).append(text)
        step = self.doc.langkah[last]
        if not step.pelaksana_kunci:
            marks = [(p, mark) for p, i in enumerate(columns.pelaksana) if (mark := read_mark(cells[i])) is not None]
            self._set_pelaksana(step, marks, columns, last + 1)

    # -- once every row is read

    def _finish(self, columns: Columns, header: Row) -> None:
        doc = self.doc
        steps = doc.langkah
        for (index, name), parts in self.more.items():
            setattr(steps[index], name, " ".join([getattr(steps[index], name), *parts]).strip())
        for index, step in enumerate(steps):
            step.aksi = suggest_aksi(step.uraian)
            self._simbol(index, columns)
            if step.pelaksana_kunci:
                doc.marked.add(index)
            else:
                self._without_mark(index, columns)
        if not steps:
            doc.warn(_("tabel langkah tidak punya baris langkah; SOP diimpor tanpa langkah."), header.where)
            return
        numbers = [int(re.sub(r"\D", "", written)) for written in doc.numbers]
        if numbers != list(range(1, len(numbers) + 1)):
            doc.warn(
                _("nomor langkah di dokumen tidak urut (%(nomor)s); langkah disimpan berurutan 1–%(n)s.")
                % {"nomor": ", ".join(str(n) for n in numbers[:30]), "n": len(steps)},
                header.where,
            )

    def _without_mark(self, index: int, columns: Columns) -> None:
        step = self.doc.langkah[index]
        suggestion = suggest_pelaksana(step.uraian, columns.names)
        if suggestion is None:
            message = _("Langkah %(n)s: tidak ada tanda di kolom pelaksana; pilih pelaksananya di editor.")
        else:
            self.doc.suggestions[index] = suggestion
            message = _(
                "Langkah %(n)s: tidak ada tanda di kolom pelaksana; uraiannya menyebut %(nama)s — disarankan "
                "sebagai pelaksana, terima atau ganti di pratinjau (tidak disimpan tanpa dipilih)."
            )
        self.doc.warn(
            message % {"n": index + 1, "nama": columns.names[suggestion] if suggestion is not None else ""},
            step.asal,
            step=index,
        )

    def _simbol(self, index: int, columns: Columns) -> None:
        """The symbol the mark shows; else terminator for the first and last step and proses between."""
        steps = self.doc.langkah
        position, mark = self.marks.get(index, (None, None))
        simbol = mark.simbol if mark is not None else ""
        if simbol == Langkah.Simbol.KEPUTUSAN:
            self._decision(index, mark, columns.names[position])
        elif simbol:
            steps[index].simbol = simbol
        else:
            steps[index].simbol = Langkah.Simbol.TERMINATOR if index in (0, len(steps) - 1) else Langkah.Simbol.PROSES

    def _decision(self, index: int, mark: Mark, column: str) -> None:
        """A keputusan: its exits as the document writes them, else Ya to the next step and Tidak back one."""
        step, count, number = self.doc.langkah[index], len(self.doc.langkah), index + 1
        written_ya, written_tidak = targets_in(f"{step.keterangan} {step.uraian}")
        ya = written_ya or (number + 1 if number < count else None)
        tidak = written_tidak or (number - 1 if number > 1 else None)
        context = {"n": number, "why": mark.why, "kolom": column}
        if not all(target is not None and 1 <= target <= count and target != number for target in (ya, tidak)):
            step.simbol = Langkah.Simbol.PROSES
            self.doc.warn(
                _(
                    "Langkah %(n)s ditandai sebagai keputusan (%(why)s di kolom %(kolom)s), tetapi tujuan Ya/Tidak "
                    "tidak terbaca dari dokumen; disimpan sebagai proses — jadikan keputusan di editor dan isi "
                    "tujuannya."
                )
                % context,
                step.asal,
            )
            return
        step.simbol, step.ya_ke, step.tidak_ke = Langkah.Simbol.KEPUTUSAN, ya, tidak
        assumed = _("tertulis") if written_ya and written_tidak else _("diandaikan")
        self.doc.warn(
            _(
                "Langkah %(n)s dibaca sebagai keputusan (%(why)s di kolom %(kolom)s); tujuan %(asal)s: "
                "Ya → langkah %(ya)s, Tidak → langkah %(tidak)s. Periksa di editor."
            )
            % {**context, "asal": assumed, "ya": ya, "tidak": tidak},
            step.asal,
        )
