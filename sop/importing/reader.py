"""Read an SOP out of rows of cells, whichever format they came from.

Both readers (text export, .docx) turn a document into `Row`s: a line of the text export split at its tabs,
or a row of a Word table (a paragraph outside tables is a row of one cell). This module finds the identity
block, the six list boxes, the step table and the Lembar Kerja in those rows, the way a person reading the
document would: by the labels each office writes in its own spelling.
"""

import re

from django.utils.translation import gettext as _

from sop.content import SIGNER_FIELDS, ItemInput
from sop.importing import checks, values
from sop.importing.columns import is_table_header
from sop.importing.kop import read_kop
from sop.importing.result import LISTS, ParsedDocument, SopImportError
from sop.importing.rows import (
    COLON,
    IDENTITY,
    IDENTITY_KEYS,
    LEMBAR,
    LEMBAR_REST,
    Label,
    Row,
    labels_of,
    section_of,
)
from sop.importing.table import TableReader

_SIGNATURE_NOISE = re.compile(
    r"^(?:ditetapkan|disahkan|mengetahui|menyetujui|pada\s+tanggal|tanggal|a\.?\s?n\.?\s|an\s)|,\s*\d{1,2}\s+\w+\s+\d{4}$",
    re.I,
)
_NUMBERED = re.compile(r"^\d{1,3}\s?[.)]\s")


class Reader:
    """One pass over the rows; every label found fills its field, and what stands under it is consumed."""

    def __init__(self, rows: list[Row], document: ParsedDocument):
        self.rows = rows
        self.doc = document
        self.section = IDENTITY
        self.kop_cells: list[str] = []
        self.kop_where = ""
        self.first_identity_row: int | None = None
        self.table_found: Row | None = None
        self.table_end: int | None = None
        self.lembar_found = False
        self.where_of: dict[str, str] = {}
        self.used: set[int] = set()
        self.unreadable: set[str] = set()
        self.lembar_judul = ""
        self.pj_umum = ""
        self.list_numbers: dict[str, list[int | None]] = {}

    # -- walking the rows

    def run(self) -> ParsedDocument:
        index = 0
        count = len(self.rows)
        while index < count:
            row = self.rows[index]
            if row.blank:
                index += 1
                continue
            section = section_of(row)
            if section is not None:
                self.section = section
                self.lembar_found = self.lembar_found or section == LEMBAR
                index += 1
                continue
            if is_table_header(row):
                index = self._table(index)
                continue
            labels = labels_of(row, self.section)
            if labels:
                if self.section == LEMBAR_REST:
                    self.section = IDENTITY
                    labels = labels_of(row, self.section)
                index = self._labelled(index, labels)
                continue
            index += 1
        self._finish()
        return self.doc

    def _stops(self, row: Row) -> bool:
        """A row that ends the content under a heading: another label, the step table, a new section."""
        return bool(labels_of(row, self.section)) or is_table_header(row) or section_of(row) is not None

    def _labelled(self, index: int, labels: list[Label]) -> int:
        row = self.rows[index]
        self.used.add(index)
        taken = {label.index for label in labels}
        pending: list[Label] = []
        next_index = index + 1
        for label in labels:
            if label.key in LISTS:
                if label.inline:
                    self._add_list(label.key, label.inline.split("\n"), row.where)
                else:
                    pending.append(label)
                continue
            value = label.inline
            if not value:
                for position in range(label.index + 1, len(row.cells)):
                    cell = row.cells[position]
                    if not cell or cell in COLON:
                        continue
                    if position in taken:
                        break
                    value = cell.lstrip(":： ").strip()
                    taken.add(position)
                    break
            if label.key == "disahkan":
                lines = value.split("\n") if value else []
                if not value:
                    lines, next_index = self._following_lines(index, signer=True)
                elif not values.find_nip(value):
                    below, after = self._signer_below(index, label.index)
                    lines, next_index = lines + below, max(next_index, after)
                self._signer(lines, row.where)
            else:
                self._set(label.key, " ".join(value.split()), row.where)
        if self.section == IDENTITY and any(label.key in IDENTITY_KEYS for label in labels):
            # The kop (Pemda, OPD) stands left of the identity labels, in the same rows.
            if self.first_identity_row is None:
                self.first_identity_row = index
                self.kop_where = row.where
            left = [cell for position, cell in row.filled if position < labels[0].index and position not in taken]
            self.kop_cells.extend(line for cell in left for line in cell.split("\n"))
        if pending:
            next_index = max(next_index, self._list_content(index, pending))
        return next_index

    def _following_lines(self, index: int, *, signer: bool) -> tuple[list[str], int]:
        """Lines under a heading that stands alone on its line (one item or signature line per line).

        Blank lines after the heading are skipped; the content is the next run of lines. A numbered list
        may go on after a blank line when the next line carries the next number.
        """
        lines: list[str] = []
        position = index + 1
        count = len(self.rows)
        started = False
        while position < count:
            row = self.rows[position]
            if row.blank:
                if started and not signer:
                    ahead = position + 1
                    while ahead < count and self.rows[ahead].blank:
                        ahead += 1
                    if ahead < count and not self._stops(self.rows[ahead]) and _NUMBERED.match(self.rows[ahead].text):
                        position = ahead
                        continue
                    break
                position += 1
                continue
            if self._stops(row) or (started and len(row.filled) > 1 and not signer):
                break
            started = True
            self.used.add(position)
            lines.extend(row.text.split("\n"))
            position += 1
            if signer and (values.find_nip(row.text) or len(lines) >= 8):
                break
        return lines, position

    def _list_content(self, index: int, pending: list[Label]) -> int:
        row = self.rows[index]
        if len(row.filled) == 1:
            lines, position = self._following_lines(index, signer=False)
            self._add_list(pending[0].key, lines, row.where)
            return position
        # Boxes side by side: the row(s) below hold each box's content in the same column.
        position = index + 1
        count = len(self.rows)
        while position < count and self.rows[position].blank:
            position += 1
        collected: dict[str, list[str]] = {label.key: [] for label in pending}
        while position < count:
            below = self.rows[position]
            if below.blank or self._stops(below):
                break
            self.used.add(position)
            if len(below.cells) > max(label.index for label in pending):
                for label in pending:
                    collected[label.key].extend(below.cells[label.index].split("\n"))
            else:
                for label, (_i, cell) in zip(pending, below.filled, strict=False):
                    collected[label.key].extend(cell.split("\n"))
            position += 1
        for key, lines in collected.items():
            self._add_list(key, lines, row.where)
        return position

    def _add_list(self, key: str, lines: list[str], where: str) -> None:
        numbered = values.split_numbered(lines)
        self.doc.items[key].extend(ItemInput(teks=text) for _number, text in numbered)
        self.list_numbers.setdefault(key, []).extend(number for number, _text in numbered)
        self.where_of.setdefault(key, where)

    def _set(self, key: str, value: str, where: str) -> None:
        identity = self.doc.identity
        if key == "judul":
            if self.section == IDENTITY:
                if not identity["judul"]:
                    identity["judul"] = value
                    self.where_of["judul"] = where
            else:
                self.lembar_judul = self.lembar_judul or value
            return
        if key.startswith("tanggal_"):
            try:
                date = values.parse_tanggal(value)
            except values.UnreadableDate:
                self.doc.warn(
                    _("%(label)s “%(text)s” tidak terbaca sebagai tanggal (tulis mis. 05 Februari 2020); dikosongkan.")
                    % {"label": checks.TANGGAL_LABELS[key], "text": value[:60]},
                    where,
                )
                self.unreadable.add(key)
                return
            if identity[key] is None:
                identity[key] = date
                self.where_of[key] = where
            return
        if key == "penanggung_jawab":
            self.pj_umum = value
            return
        if not identity[key]:
            identity[key] = value
            self.where_of[key] = where

    # -- the signature block

    def _signer_below(self, index: int, column: int) -> tuple[list[str], int]:
        """Signature lines in the rows under a "Disahkan oleh" row, in the columns right of its label.

        Offices put the jabatan beside the label and the name, pangkat and NIP in the rows below it, with a
        blank row or two left for the signature.
        """
        lines: list[str] = []
        position = index + 1
        blanks = 0
        while position < len(self.rows) and len(lines) < 8:
            row = self.rows[position]
            if row.blank:
                blanks += 1
                if blanks > 2:
                    break
                position += 1
                continue
            right = [cell for i, cell in row.filled if i > column]
            if not right or self._stops(row) or any(i == column for i, _cell in row.filled):
                break
            blanks = 0
            self.used.add(position)
            self.kop_cells.extend(line for i, cell in row.filled if i < column for line in cell.split("\n"))
            lines.extend(line for cell in right for line in cell.split("\n"))
            position += 1
            if values.find_nip(" ".join(right)):
                break
        return lines, position

    def _signer(self, lines: list[str], where: str) -> None:
        signer = values.parse_signer(lines)
        identity = self.doc.identity
        for name in SIGNER_FIELDS:
            value = getattr(signer, name.removeprefix("disahkan_"))
            found = signer.nip_found if name == "disahkan_nip" else bool(value)
            if found and not identity[name]:
                identity[name] = value
                self.where_of[name] = where

    def _signature_at_end(self) -> None:
        """The signature under the last page (seed 004) fills what the identity block left out."""
        identity = self.doc.identity
        if identity["disahkan_nama"] and identity["disahkan_nip"]:
            return
        start = self.table_end or 0
        for position in range(len(self.rows) - 1, start - 1, -1):
            row = self.rows[position]
            if position in self.used or len(row.filled) != 1 or not values.find_nip(row.text):
                continue
            lines = row.text.split("\n")
            above = position - 1
            while above >= start and len(lines) < 8:
                candidate = self.rows[above]
                if candidate.blank:
                    above -= 1
                    continue
                if len(candidate.filled) != 1 or above in self.used or self._stops(candidate):
                    break
                text_lines = [line for line in candidate.text.split("\n") if not _SIGNATURE_NOISE.search(line)]
                lines = text_lines + lines
                above -= 1
            self._signer(lines, row.where)
            return

    # -- the step table

    def _table(self, index: int) -> int:
        tables = TableReader(self.rows, self.doc)
        if self.table_found is not None:
            # A second header: the table goes on after a page break, or a document holds two SOPs.
            return tables.skip_header(index)
        self.table_found = self.rows[index]
        self.table_end = tables.read(index)
        return self.table_end

    # -- the kop (Pemda and OPD above or left of the identity block)

    def _kop_above(self) -> tuple[list[str], str]:
        """The lines of one-cell rows just above the identity block (a blank line between them allowed)."""
        block: list[str] = []
        where = ""
        position = self.first_identity_row - 1
        blanks = 0
        while position >= 0 and len(block) < 12:
            row = self.rows[position]
            if row.blank:
                blanks += 1
                if blanks > 1 and block:
                    break
                position -= 1
                continue
            if len(row.filled) != 1 or self._stops(row):
                break
            blanks = 0
            block = row.text.split("\n") + block
            where = row.where
            position -= 1
        return block, where

    def _kop(self) -> None:
        lines, where = [], ""
        if self.first_identity_row is not None:
            lines, where = self._kop_above()
        lines = lines + self.kop_cells
        where = where or self.kop_where
        self.doc.kop = read_kop(lines, judul=self.doc.identity["judul"], where=where)

    # -- after the last row

    def _finish(self) -> None:
        identity = self.doc.identity
        self._signature_at_end()
        if not identity["judul"] and self.lembar_judul:
            identity["judul"] = self.lembar_judul
        self._kop()
        if self.pj_umum and not identity["pj_produk"] and not identity["pj_kegiatan"]:
            identity["pj_produk"] = identity["pj_kegiatan"] = self.pj_umum
        if not identity["judul"] and self.first_identity_row is None and self.table_found is None:
            raise SopImportError(
                _(
                    "berkas ini tidak tampak seperti dokumen SOP: tidak ada Nomor SOP, Judul/Nama SOP, "
                    "maupun tabel langkah (No | Uraian Kegiatan | Pelaksana | Mutu Baku)."
                )
            )
        if not identity["judul"]:
            raise SopImportError(
                _("Judul SOP tidak ditemukan: dokumen harus memuat baris “Judul SOP” atau “Nama SOP” beserta isinya.")
            )
        checks.check_lengths(self.doc, self.where_of)
        checks.list_numbering(self.doc, self.list_numbers, self.where_of)
        checks.blank_warnings(
            self.doc,
            self.where_of,
            unreadable=self.unreadable,
            table_found=self.table_found is not None,
            lembar_found=self.lembar_found,
        )


def interpret(rows: list[Row], document: ParsedDocument) -> ParsedDocument:
    """Fill `document` from the rows; raises SopImportError (without the file name) when it cannot."""
    return Reader(rows, document).run()
