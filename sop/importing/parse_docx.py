"""Word documents (.docx) as offices write SOPs: identity table, list boxes, step table, Lembar Kerja.

Each table row becomes a `Row` on the layout grid (a merged cell fills its first grid column, the columns it
spans stay empty), each paragraph outside tables a row of one cell; `reader` does the rest, as for text.
Flowchart symbols drawn in a pelaksana cell count as that column's mark.
"""

import io
import zipfile

from django.utils.translation import gettext as _

from sop.importing.reader import Row, interpret
from sop.importing.result import ParsedDocument, SopImportError
from sop.importing.values import clean

MAX_UNPACKED = 60 * 1024 * 1024  # a .docx of a few MB never unpacks to more; a zip bomb does
MAX_COLUMNS = 200
MAX_ROWS = 20_000  # as MAX_LINES of a text export

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Shapes drawn together as one picture: their cell is the picture's anchor, not each shape's pelaksana.
_GROUPS = {
    "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}wgp",
    "{http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas}wpc",
    f"{_V}group",
}
_PRESET = {
    "flowChartTerminator": "terminator",
    "flowChartAlternateProcess": "terminator",
    "roundRect": "terminator",
    "ellipse": "terminator",
    "flowChartProcess": "proses",
    "rect": "proses",
    "flowChartDecision": "keputusan",
    "diamond": "keputusan",
}  # arrows and connectors (flowChartOffpageConnector, bentConnector3 …) are no step's symbol
_VML_TYPE = {
    "#_x0000_t116": "terminator",
    "#_x0000_t176": "terminator",
    "#_x0000_t109": "proses",
    "#_x0000_t110": "keputusan",
    "#_x0000_t4": "keputusan",
}
_VML_TAG = {f"{_V}rect": "proses", f"{_V}roundrect": "terminator", f"{_V}oval": "terminator"}
# Symbol-font characters (w:sym) Word inserts for a tick, a cross, a box or a diamond.
_SYM = {
    "F0FC": "✓", "F0FE": "☑", "F0FB": "✗", "F0FD": "☒", "F06C": "●", "F06E": "■", "F06F": "□", "F0A8": "□",
    "F075": "◆", "F0A1": "○", "F0D6": "√", "F0B4": "×",
}  # fmt: skip
MAX_DEPTH = 4  # tables inside tables: the identity block nested in the kop table, a page-border table


def _ancestors_below(element, top):
    for ancestor in element.iterancestors():
        if ancestor is top:
            return
        yield ancestor


def _symbol(tc) -> tuple[str, int]:
    """The flowchart symbol drawn in a cell ('' for none) and how many shapes there belong to a drawn group."""
    kind, grouped = "", 0
    for element in tc.iter(f"{_A}prstGeom", f"{_V}shape", *_VML_TAG):
        ancestors = {a.tag for a in _ancestors_below(element, tc)}
        if _MC_FALLBACK in ancestors or f"{_W}tbl" in ancestors:
            continue  # the VML copy of a DrawingML shape; or a shape of a nested table's cell
        if element.tag == f"{_A}prstGeom":
            found = _PRESET.get(element.get("prst", ""))
        elif element.tag == f"{_V}shape":
            found = _VML_TYPE.get(element.get("type", ""))
        else:
            found = _VML_TAG[element.tag]
        if found and ancestors & _GROUPS:
            grouped += 1
        elif found and not kind:
            kind = found
    return kind, grouped


def _paragraph_text(p) -> str:
    """A paragraph's own text (runs, tabs, breaks, symbols), not the text inside shapes anchored in it."""
    parts = []
    for run in p.iter(f"{_W}r"):
        if any(a.tag == f"{_W}txbxContent" for a in _ancestors_below(run, p)):
            continue
        for child in run:
            if child.tag == f"{_W}t":
                parts.append(child.text or "")
            elif child.tag in (f"{_W}tab", f"{_W}ptab"):
                parts.append(" ")
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif child.tag == f"{_W}sym":
                parts.append(_SYM.get((child.get(f"{_W}char") or "").upper(), "•"))
    return "".join(parts)


def _cell_text(tc) -> str:
    lines = []
    for child in tc:
        if child.tag == f"{_W}p":
            lines.append(_paragraph_text(child))
        elif child.tag == f"{_W}tbl":
            for tr in child.iter(f"{_W}tr"):
                lines.append(" ".join(_paragraph_text(p) for p in tr.iter(f"{_W}p")))
    return clean("\n".join(lines))


def _number(element, path: str, default: int) -> int:
    """An integer attribute (w:val) of a child element; the default when absent or not a number."""
    found = element.find(path)
    if found is None:
        return default
    value = found.get(f"{_W}val", "")
    return int(value) if value.isdigit() and len(value) < 4 else default


class _Walk:
    """Numbers the tables in document order and counts shapes drawn as groups, while rows are made."""

    def __init__(self):
        self.tables = 0
        self.grouped_where = ""

    def table_rows(self, tbl, depth: int) -> list[Row]:
        """The rows on the table's layout grid. Attributes are read leniently: a damaged file is not a crash."""
        self.tables += 1
        number = self.tables
        rows = []
        for row_number, tr in enumerate(tbl.iterchildren(f"{_W}tr"), start=1):
            where = _("tabel %(t)s, baris %(r)s") % {"t": number, "r": row_number}
            cells_xml = list(tr.iterchildren(f"{_W}tc"))
            nested = next((tc for tc in cells_xml if tc.find(f"{_W}tbl") is not None), None)
            if nested is not None and depth < MAX_DEPTH:
                rows.extend(self._nested(cells_xml, nested, depth, where))
            else:
                rows.append(self._row(tr, cells_xml, where))
        return rows

    def _row(self, tr, cells_xml, where: str) -> Row:
        cells: list[str] = [""] * min(_number(tr, f"{_W}trPr/{_W}gridBefore", 0), MAX_COLUMNS)
        symbols: dict[int, str] = {}
        spans: dict[int, int] = {}
        for tc in cells_xml:
            span = min(max(_number(tc, f"{_W}tcPr/{_W}gridSpan", 1), 1), MAX_COLUMNS)
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
                text, symbol = "", ""  # the cell above holds the text of a vertical merge
            else:
                text, (symbol, grouped) = _cell_text(tc), _symbol(tc)
                if grouped and not self.grouped_where:
                    self.grouped_where = where
            if symbol:
                symbols[len(cells)] = symbol
            if span > 1:
                spans[len(cells)] = span
            cells.append(text)
            cells.extend([""] * (span - 1))
            if len(cells) > MAX_COLUMNS:
                raise SopImportError(
                    _("tabel terlalu lebar (lebih dari %(n)s kolom).") % {"n": MAX_COLUMNS}, where=where
                )
        return Row(cells, where=where, symbols=symbols, spans=spans)

    def _nested(self, cells_xml, nested, depth: int, where: str) -> list[Row]:
        """A row whose cell holds a table (the identity block beside the kop): the inner rows, with the
        row's other cells beside the first of them, so the kop stays left of the labels."""
        position = cells_xml.index(nested)
        before = [_cell_text(tc) for tc in cells_xml[:position]]
        after = [_cell_text(tc) for tc in cells_xml[position + 1 :]]
        inner = [row for row in self.container_rows(nested, depth + 1, where) if not row.blank]
        if not inner:
            return [Row([*before, "", *after], where=where)]
        rows = []
        for index, row in enumerate(inner):
            left = before if index == 0 else [""] * len(before)
            right = after if index == 0 else [""] * len(after)
            shift = len(left)
            rows.append(
                Row(
                    [*left, *row.cells, *right],
                    where=row.where,
                    symbols={i + shift: kind for i, kind in row.symbols.items()},
                    spans={i + shift: span for i, span in row.spans.items()},
                )
            )
        return rows

    def container_rows(self, container, depth: int, where: str | None = None) -> list[Row]:
        """Paragraphs and tables of the body (or of a cell, a header) as rows, in order."""
        rows: list[Row] = []
        paragraphs = 0
        for block in _blocks(container):
            if block.tag == f"{_W}tbl":
                rows.extend(self.table_rows(block, depth))
                rows.append(Row([""], where=""))  # a table ends like a paragraph break
            else:
                paragraphs += 1
                label = where or _("paragraf %(n)s") % {"n": paragraphs}
                rows.append(Row([clean(_paragraph_text(block))], where=label))
        return rows


def _blocks(container):
    """Paragraphs and tables in order, also those inside content controls (w:sdt)."""
    for child in container.iterchildren(f"{_W}p", f"{_W}tbl", f"{_W}sdt"):
        if child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        else:
            yield child


def _header_element(document):
    """The page header of the first page, where many offices put the kop; None when there is none."""
    if not document.sections:
        return None
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    return None if header.is_linked_to_previous else header._element


def _open(data: bytes):
    import docx  # imported here: only a .docx upload needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise SopImportError(_("berkas ini arsip ZIP, bukan dokumen Word (.docx)."))
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise SopImportError(_("isi berkas .docx ini terlalu besar setelah dibuka."))
        return docx.Document(io.BytesIO(data))
    except SopImportError:
        raise
    except Exception as error:  # python-docx, zipfile and lxml raise many kinds for a damaged file
        raise SopImportError(
            _("berkas .docx rusak atau bukan dokumen Word (%(why)s). Buka di Word lalu simpan ulang sebagai .docx.")
            % {"why": type(error).__name__}
        ) from error


def parse_docx(data: bytes, *, filename: str) -> ParsedDocument:
    """Read a .docx SOP; SopImportError says why a file cannot be read."""
    document = _open(data)
    walk = _Walk()
    rows: list[Row] = []
    header = _header_element(document)
    if header is not None:
        rows.extend(walk.container_rows(header, 0, _("kepala halaman")))
    rows.extend(walk.container_rows(document.element.body, 0))
    if len(rows) > MAX_ROWS:
        raise SopImportError(
            _("dokumen Word ini punya lebih dari %(max)s paragraf dan baris tabel; terlalu panjang untuk satu SOP.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    if not any(not row.blank for row in rows):
        raise SopImportError(_("dokumen Word ini kosong."))
    parsed = ParsedDocument(filename=filename, source="docx")
    if walk.grouped_where:
        parsed.warn(
            _(
                "diagram alir digambar sebagai satu kelompok bentuk; letak tiap simbol tidak bisa dibaca, jadi "
                "simbol di dalamnya tidak menentukan pelaksana — pilih pelaksananya di pratinjau atau editor."
            ),
            walk.grouped_where,
        )
    return interpret(rows, parsed)
