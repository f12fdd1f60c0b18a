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
_PRESET = {
    "flowChartTerminator": "terminator",
    "flowChartAlternateProcess": "terminator",
    "roundRect": "terminator",
    "ellipse": "terminator",
    "flowChartProcess": "proses",
    "rect": "proses",
    "flowChartDecision": "keputusan",
    "diamond": "keputusan",
}
_VML_TYPE = {
    "#_x0000_t116": "terminator",
    "#_x0000_t109": "proses",
    "#_x0000_t110": "keputusan",
    "#_x0000_t4": "keputusan",
}
_VML_TAG = {f"{_V}rect": "proses", f"{_V}roundrect": "terminator", f"{_V}oval": "terminator"}


def _symbol(tc) -> str:
    """The flowchart symbol drawn in a cell ('' for none; arrows and connectors are not symbols)."""
    for element in tc.iter(f"{_A}prstGeom", f"{_V}shape", *_VML_TAG):
        if element.tag == f"{_A}prstGeom":
            kind = _PRESET.get(element.get("prst", ""))
        elif element.tag == f"{_V}shape":
            kind = _VML_TYPE.get(element.get("type", ""))
        else:
            kind = _VML_TAG[element.tag]
        if kind:
            return kind
    return ""


def _ancestors_below(element, top):
    for ancestor in element.iterancestors():
        if ancestor is top:
            return
        yield ancestor


def _paragraph_text(p) -> str:
    """A paragraph's own text (runs, tabs, breaks), not the text inside shapes anchored in it."""
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


def _table_rows(tbl, number: int) -> list[Row]:
    """The rows on the table's layout grid. Attributes are read leniently: a damaged file is not a crash."""
    rows = []
    for row_number, tr in enumerate(tbl.iterchildren(f"{_W}tr"), start=1):
        where = _("tabel %(t)s, baris %(r)s") % {"t": number, "r": row_number}
        cells: list[str] = [""] * min(_number(tr, f"{_W}trPr/{_W}gridBefore", 0), MAX_COLUMNS)
        symbols: dict[int, str] = {}
        for tc in tr.iterchildren(f"{_W}tc"):
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val", "continue") != "restart":
                text, symbol = "", ""  # the cell above holds the text of a vertical merge
            else:
                text, symbol = _cell_text(tc), _symbol(tc)
            if symbol:
                symbols[len(cells)] = symbol
            cells.append(text)
            cells.extend([""] * (min(max(_number(tc, f"{_W}tcPr/{_W}gridSpan", 1), 1), MAX_COLUMNS) - 1))
            if len(cells) > MAX_COLUMNS:
                raise SopImportError(
                    _("tabel terlalu lebar (lebih dari %(n)s kolom).") % {"n": MAX_COLUMNS}, where=where
                )
        rows.append(Row(cells, where=where, symbols=symbols))
    return rows


def _blocks(container):
    """Paragraphs and tables of the body in order, also those inside content controls (w:sdt)."""
    for child in container.iterchildren(f"{_W}p", f"{_W}tbl", f"{_W}sdt"):
        if child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        else:
            yield child


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
    rows: list[Row] = []
    tables = paragraphs = 0
    for block in _blocks(document.element.body):
        if block.tag == f"{_W}tbl":
            tables += 1
            rows.extend(_table_rows(block, tables))
            rows.append(Row([""], where=""))  # a table ends like a paragraph break
        else:
            paragraphs += 1
            rows.append(Row([clean(_paragraph_text(block))], where=_("paragraf %(n)s") % {"n": paragraphs}))
    if len(rows) > MAX_ROWS:
        raise SopImportError(
            _("dokumen Word ini punya lebih dari %(max)s paragraf dan baris tabel; terlalu panjang untuk satu SOP.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    if not any(not row.blank for row in rows):
        raise SopImportError(_("dokumen Word ini kosong."))
    return interpret(rows, ParsedDocument(filename=filename, source="docx"))
