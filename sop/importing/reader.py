"""Read an SOP out of rows of cells, whichever format they came from.

Both readers (text export, .docx) turn a document into `Row`s: a line of the text export split at its tabs,
or a row of a Word table (a paragraph outside tables is a row of one cell). This module finds the identity
block, the six list boxes, the step table and the Lembar Kerja in those rows, the way a person reading the
document would: by the labels each office writes in its own spelling.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.nip import parse_nip
from sop.importing import values
from sop.importing.result import LISTS, ParsedDocument, SopImportError, list_label
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
from sop.importing.table import TableReader, is_table_header
from sop.models import Sop

MAX_ITEMS = 200  # per list box; real ones hold a handful

_KOP_IGNORE = {"SATUAN KERJA", "UNIT KERJA", "SKPD", "OPD", "PERANGKAT DAERAH", "INSTANSI", "LOGO"}
_PEMDA_LINE = re.compile(
    r"^(?:PEMERINTAH(?:AN)?\s+)?(KABUPATEN|KAB\.?|KOTA|PROVINSI|PROV\.?)\s+([A-Za-z][A-Za-z .'-]{1,80})$", re.I
)
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
        self.first_identity_row: int | None = None
        self.table_found: Row | None = None
        self.table_end: int | None = None
        self.lembar_found = False
        self.where_of: dict[str, str] = {}
        self.used: set[int] = set()
        self.unreadable: set[str] = set()
        self.lembar_judul = ""
        self.pj_umum = ""

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
                self._signer(lines, row.where)
            else:
                self._set(label.key, " ".join(value.split()), row.where)
        if self.section == IDENTITY and any(label.key in IDENTITY_KEYS for label in labels):
            # The kop (Pemda, OPD) stands left of the identity labels, in the same rows.
            if self.first_identity_row is None:
                self.first_identity_row = index
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
        self.doc.items[key].extend(values.split_items(lines))
        self.where_of.setdefault(key, where)

    def _set(self, key: str, value: str, where: str) -> None:
        doc = self.doc
        if key == "judul":
            if self.section == IDENTITY:
                if not doc.judul:
                    doc.judul = value
                    self.where_of["judul"] = where
            else:
                self.lembar_judul = self.lembar_judul or value
            return
        if key.startswith("tanggal_"):
            try:
                date = values.parse_tanggal(value)
            except values.UnreadableDate:
                doc.warn(
                    _("%(label)s “%(text)s” tidak terbaca sebagai tanggal (tulis mis. 05 Februari 2020); dikosongkan.")
                    % {"label": _TANGGAL_LABELS[key], "text": value[:60]},
                    where,
                )
                self.unreadable.add(key)
                return
            if getattr(doc, key) is None:
                setattr(doc, key, date)
                self.where_of[key] = where
            return
        if key == "penanggung_jawab":
            self.pj_umum = value
            return
        if not getattr(doc, key):
            setattr(doc, key, value)
            self.where_of[key] = where

    # -- the signature block

    def _signer(self, lines: list[str], where: str) -> None:
        signer = values.parse_signer(lines)
        doc = self.doc
        for name in ("jabatan", "nama", "pangkat"):
            if getattr(signer, name) and not getattr(doc, f"disahkan_{name}"):
                setattr(doc, f"disahkan_{name}", getattr(signer, name))
                self.where_of[f"disahkan_{name}"] = where
        if signer.nip_found and not doc.disahkan_nip:
            doc.disahkan_nip = signer.nip
            self.where_of["disahkan_nip"] = where

    def _signature_at_end(self) -> None:
        """The signature under the last page (seed 004) fills what the identity block left out."""
        doc = self.doc
        if doc.disahkan_nama and doc.disahkan_nip:
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

    def _kop(self) -> None:
        lines = []
        if self.first_identity_row is not None:
            block = []
            position = self.first_identity_row - 1
            while position >= 0 and self.rows[position].blank:
                position -= 1
            while position >= 0 and len(self.rows[position].filled) == 1 and len(block) < 8:
                row = self.rows[position]
                if self._stops(row):
                    break
                block = row.text.split("\n") + block
                position -= 1
            if any(_PEMDA_LINE.match(line) for line in block):
                lines.extend(block)
        lines.extend(self.kop_cells)
        lines = [" ".join(line.split()) for line in lines if line.strip()]
        pemda_line = next(
            (line for line in lines if line.upper().startswith("PEMERINTAH") and _PEMDA_LINE.match(line)), ""
        )
        pemda_line = pemda_line or next((line for line in lines if _PEMDA_LINE.match(line)), "")
        pemda_key = values.normal(_PEMDA_LINE.sub(r"\1 \2", pemda_line)) if pemda_line else ""
        opd_lines = []
        for line in lines:
            key = values.normal(line)
            if line == pemda_line or key in _KOP_IGNORE or key.startswith("PEMERINTAH"):
                continue
            if pemda_key and key == pemda_key:
                continue
            opd_lines.append(line)
        self.doc.kop_pemda = pemda_line[:200]
        self.doc.kop_opd = " ".join(opd_lines)[:250]

    # -- after the last row

    def _finish(self) -> None:
        doc = self.doc
        self._signature_at_end()
        self._kop()
        if not doc.judul and self.lembar_judul:
            doc.judul = self.lembar_judul
        if self.pj_umum and not doc.pj_produk and not doc.pj_kegiatan:
            doc.pj_produk = doc.pj_kegiatan = self.pj_umum
        if not doc.judul and self.first_identity_row is None and self.table_found is None:
            raise SopImportError(
                _(
                    "berkas ini tidak tampak seperti dokumen SOP: tidak ada Nomor SOP, Judul/Nama SOP, "
                    "maupun tabel langkah (No | Uraian Kegiatan | Pelaksana | Mutu Baku)."
                )
            )
        if not doc.judul:
            raise SopImportError(
                _("Judul SOP tidak ditemukan: dokumen harus memuat baris “Judul SOP” atau “Nama SOP” beserta isinya.")
            )
        self._check_lengths()
        self._blank_warnings()

    def _check_lengths(self) -> None:
        for jenis in LISTS:
            if len(self.doc.items[jenis]) > MAX_ITEMS:
                raise SopImportError(
                    _("daftar “%(nama)s” punya %(n)s butir; paling banyak %(max)s.")
                    % {"nama": list_label(jenis), "n": len(self.doc.items[jenis]), "max": MAX_ITEMS},
                    where=self.where_of.get(jenis, ""),
                )
        for name in (
            "nomor",
            "judul",
            "disahkan_jabatan",
            "disahkan_nama",
            "disahkan_pangkat",
            "disahkan_nip",
            "jenis_kegiatan",
            "pj_produk",
            "pj_kegiatan",
            "ruang_lingkup",
        ):
            value = getattr(self.doc, name)
            model_field = Sop._meta.get_field(name)
            if len(value) > model_field.max_length:
                raise SopImportError(
                    _("%(field)s terlalu panjang (%(n)s karakter; paling banyak %(max)s): “%(awal)s…”.")
                    % {
                        "field": capfirst(str(model_field.verbose_name)),
                        "n": len(value),
                        "max": model_field.max_length,
                        "awal": value[:60],
                    },
                    where=self.where_of.get(name, ""),
                )

    def _blank_warnings(self) -> None:
        doc = self.doc
        if not doc.nomor:
            doc.warn(_("Nomor SOP kosong; isi nomornya sebelum SOP diajukan."), self.where_of.get("nomor", ""))
        for key in ("tanggal_pembuatan", "tanggal_efektif"):
            if getattr(doc, key) is None and key not in self.unreadable:
                doc.warn(_("%(label)s kosong.") % {"label": _TANGGAL_LABELS[key]})
        if not doc.disahkan_nama:
            doc.warn(_("Nama pejabat pengesah (Disahkan oleh) tidak ditemukan; pilih pengesahnya di editor."))
        if doc.disahkan_nip:
            try:
                parse_nip(doc.disahkan_nip)
            except ValidationError as error:  # the message says which part of the NIP is wrong
                doc.warn(
                    _("NIP pengesah “%(nip)s” tidak sah: %(why)s")
                    % {"nip": doc.disahkan_nip, "why": " ".join(error.messages)},
                    self.where_of.get("disahkan_nip", ""),
                )
        for jenis in LISTS:
            if not doc.items[jenis]:
                doc.warn(_("Daftar “%(nama)s” kosong.") % {"nama": list_label(jenis)}, self.where_of.get(jenis, ""))
        if self.table_found is None:
            doc.warn(_("Tabel langkah tidak ditemukan; SOP diimpor tanpa langkah dan pelaksana."))
        if not self.lembar_found:
            doc.warn(
                _(
                    "Lembar Kerja Identifikasi Kegiatan tidak ditemukan; "
                    "Jenis Kegiatan, Penanggung Jawab dan Scope kosong."
                )
            )


_TANGGAL_LABELS = {
    "tanggal_pembuatan": gettext_lazy("Tanggal Pembuatan"),
    "tanggal_revisi": gettext_lazy("Tanggal Revisi"),
    "tanggal_efektif": gettext_lazy("Tanggal Efektif"),
}


def interpret(rows: list[Row], document: ParsedDocument) -> ParsedDocument:
    """Fill `document` from the rows; raises SopImportError (without the file name) when it cannot."""
    return Reader(rows, document).run()
