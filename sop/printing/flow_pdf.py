"""The flowchart pages of the PDF drawn straight from the layout, without laying the table out again.

layout.py has already decided everything these pages show: the columns' widths, each cell's wrapped lines, the
rows' heights, the pages, and the drawing over the rows (diagram.py, as SVG fragments on each page's canvas).
Handing that to WeasyPrint as an HTML table made it measure and wrap every cell again with Pango: 55 % of a seed
SOP's render and most of a long one's. Here each page is drawn with ReportLab from the layout — the grid, the lines
of text, the SVG primitives — and put in place of an empty page of the WeasyPrint document (render.py), whose
other pages and page numbers stay as they are. The print preview keeps the HTML table, laid out from the same
layout.

Everything drawn keeps the print sheet's look: DejaVu Sans Condensed, 0.3 mm borders, the header's grey, the page's
title, draft mark and footer ("Nomor SOP", "Halaman x dari y").
"""

import functools
import io
import xml.etree.ElementTree as ET
from pathlib import Path

from fontTools.ttLib import TTFont as FontFile
from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from sop.models import Sop
from sop.printing.diagram import column_lines
from sop.printing.geometry import FLOW_MARGIN, LINE_HEIGHT, PAD_X, PAD_Y, Columns, FlowLayout, Page, Row
from sop.printing.layout import header_name_lines
from sop.printing.metrics import BOLD, PT_TO_MM, REGULAR, FontMetrics, bold, regular
from sop.printing.table_css import COLUMNS

MM = 72 / 25.4  # points in a millimetre
REGULAR_NAME, BOLD_NAME = "DejaVuSansCondensed", "DejaVuSansCondensed-Bold"
BORDER = 0.3  # mm, as td/th in the print CSS
HEADER_FILL = "#f0f0f0"
MARK_INK, FOOTER_INK = "#8a1c1c", "#333"
TITLE_PT, FOOTER_PT = 8.0, 7.0
CELLS = ("uraian", "kelengkapan", "waktu", "output", "keterangan")
READER_NAMES = 6  # name IDs 0-6: copyright, family, style, unique name, full name, version, PostScript name

# A setting of the whole process; nothing else here draws with ReportLab. By default it compresses a stream and then
# spells it out in ASCII85 as well, a quarter larger for nothing a PDF file needs.
rl_config.useA85 = 0


def _embeddable(path: Path) -> io.BytesIO:
    """The font with only the names a PDF reader shows. ReportLab copies the name table whole into every subset it
    embeds, and DejaVu's carries its licence text there: 15 KB in each of the two subsets of every PDF. WeasyPrint's
    subsets keep the same names and no more."""
    font = FontFile(str(path))
    font["name"].names = [record for record in font["name"].names if record.nameID <= READER_NAMES]
    buffer = io.BytesIO()
    font.save(buffer)
    buffer.seek(0)
    return buffer


@functools.cache
def _fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR_NAME, _embeddable(REGULAR)))
    pdfmetrics.registerFont(TTFont(BOLD_NAME, _embeddable(BOLD)))


def colour(value: str) -> Color:
    """#rgb or #rrggbb."""
    digits = value.lstrip("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return Color(red, green, blue)


def flow_pages_pdf(sop: Sop, layout: FlowLayout, numbers: list[int], total: int, *, draft_mark: bool) -> bytes:
    """A PDF of the layout's pages, the n-th numbered numbers[n] of `total` in its footer."""
    _fonts()
    buffer = io.BytesIO()
    size = (layout.width * MM, layout.height * MM)
    canvas = Canvas(buffer, pagesize=size, pageCompression=1, invariant=1, initialFontName=REGULAR_NAME)
    for page, number in zip(layout.pages, numbers, strict=True):
        _PageDrawing(canvas, layout, page).draw(sop, number, total, draft_mark=draft_mark)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _PageDrawing:
    """One flowchart page: coordinates in millimetres from the page's top-left corner, turned into PDF points."""

    def __init__(self, canvas: Canvas, layout: FlowLayout, page: Page):
        self.canvas = canvas
        self.layout = layout
        self.page = page
        self.columns: Columns = layout.columns
        self.left = FLOW_MARGIN["left"]
        self.top = FLOW_MARGIN["top"]
        self.first_header_row = self.columns.text_height(1)  # the row of No … Pelaksana … Mutu Baku
        self.body_top = self.top + layout.header_height
        self.edges = self._column_edges()

    # Coordinates -------------------------------------------------------------------------------------------------

    def x(self, mm: float) -> float:
        return mm * MM

    def y(self, mm: float) -> float:
        return (self.layout.height - mm) * MM

    def _column_edges(self) -> dict[str, tuple[float, float]]:
        """Left and right edge (mm from the page's left) of each column; pelaksana columns as p0, p1, …"""
        columns, x = self.columns, self.left
        edges = {}
        for name in COLUMNS:  # the table's own order
            names = [f"p{k}" for k in range(columns.count)] if name == "pelaksana" else [name]
            for key in names:
                edges[key] = (x, x + getattr(columns, name))
                x += getattr(columns, name)
        return edges

    # Drawing ----------------------------------------------------------------------------------------------------

    def draw(self, sop: Sop, number: int, total: int, *, draft_mark: bool) -> None:
        self._margin_boxes(sop, number, total, draft_mark=draft_mark)
        self._header()
        self._body_grid()
        self._diagram()
        for row in self.page.rows:
            self._row_text(row)

    def _text(self, text: str, x: float, baseline: float, size: float, *, font=REGULAR_NAME, align="left") -> None:
        self.canvas.setFont(font, size)
        draw = {
            "left": self.canvas.drawString,
            "center": self.canvas.drawCentredString,
            "right": self.canvas.drawRightString,
        }[align]
        draw(self.x(x), self.y(baseline), text)

    def _baseline(self, metrics: FontMetrics, size_pt: float, line_mm: float) -> float:
        """From the top of a line box to its baseline: half the leading, then the ascent (as CSS lays a line)."""
        size_mm = size_pt * PT_TO_MM
        content = (metrics.ascent + metrics.descent) * size_mm
        return (line_mm - content) / 2 + metrics.ascent * size_mm

    def _margin_boxes(self, sop: Sop, number: int, total: int, *, draft_mark: bool) -> None:
        width, height = self.layout.width, self.layout.height
        right = width - FLOW_MARGIN["right"]
        canvas = self.canvas
        canvas.setFillColor(colour("#000"))
        title = sop.judul.upper()
        mark = "DRAF — belum disahkan"
        room = width - FLOW_MARGIN["left"] - FLOW_MARGIN["right"]
        if draft_mark:  # the title stays centred on the page, clear of the mark at its right
            room -= 2 * bold().width_mm(mark, TITLE_PT)
        lines = bold().wrap(title, room, TITLE_PT)
        self._centred_lines(lines, width / 2, self.top / 2, TITLE_PT, BOLD_NAME, bold())
        if draft_mark:
            canvas.setFillColor(colour(MARK_INK))
            self._centred_lines([mark], right, self.top / 2, TITLE_PT, BOLD_NAME, bold(), "right")
        canvas.setFillColor(colour(FOOTER_INK))
        middle = height - FLOW_MARGIN["bottom"] / 2
        nomor = sop.nomor or "(belum bernomor)"
        footer = (middle, FOOTER_PT, REGULAR_NAME, regular())
        self._centred_lines([f"Nomor SOP: {nomor}"], self.left, *footer, "left")
        self._centred_lines([f"Halaman {number} dari {total}"], right, *footer, "right")
        canvas.setFillColor(colour("#000"))

    def _centred_lines(self, lines, x, middle, size, font, metrics, align="center") -> None:
        """Lines of a margin box, the block centred vertically on `middle` (line-height: normal)."""
        size_mm = size * PT_TO_MM
        line = (metrics.ascent + metrics.descent) * size_mm
        top = middle - line * len(lines) / 2
        for index, text in enumerate(lines):
            self._text(text, x, top + index * line + metrics.ascent * size_mm, size, font=font, align=align)

    def _header(self) -> None:
        columns, layout = self.columns, self.layout
        canvas = self.canvas
        top, bottom, split = self.top, self.body_top, self.top + self.first_header_row
        no, uraian = self.edges["no"], self.edges["uraian"]
        first_p, last_p = self.edges["p0"], self.edges[f"p{columns.count - 1}"]
        kelengkapan, output = self.edges["kelengkapan"], self.edges["output"]
        keterangan = self.edges["keterangan"]
        canvas.setFillColor(colour(HEADER_FILL))
        canvas.rect(self.x(self.left), self.y(bottom), self.x(layout.usable_width), (bottom - top) * MM, 0, 1)
        canvas.setFillColor(colour("#000"))
        # Cells: (text, left, right, top, bottom, horizontal padding)
        cells = [
            ("No", *no, top, bottom, PAD_X),
            ("Uraian Kegiatan", *uraian, top, bottom, PAD_X),
            ("Pelaksana", first_p[0], last_p[1], top, split, PAD_X),
            ("Mutu Baku", kelengkapan[0], output[1], top, split, PAD_X),
            ("Keterangan", *keterangan, top, bottom, PAD_X),
            ("Kelengkapan", *kelengkapan, split, bottom, PAD_X),
            ("Waktu", *self.edges["waktu"], split, bottom, PAD_X),
            ("Output", *output, split, bottom, PAD_X),
        ]
        size = layout.header_pt
        for text, left, right, cell_top, cell_bottom, pad in cells:
            lines = bold().wrap(text, right - left - 2 * pad, size)
            self._block(lines, (left + right) / 2, (cell_top + cell_bottom) / 2, size, BOLD_NAME, bold())
        for k, p in enumerate(layout.pelaksana):
            left, right = self.edges[f"p{k}"]
            lines = header_name_lines(p.nama, columns, size, hyphens=layout.header_hyphens)
            self._block(lines, (left + right) / 2, (split + bottom) / 2, size, BOLD_NAME, bold())
        # Borders: the whole header, the line between its two rows, the columns of each row.
        self._stroke_rect(self.left, top, self.left + layout.usable_width, bottom)
        self._line(first_p[0], split, output[1], split)
        for x in (no[1], uraian[1], last_p[1], output[1]):
            self._line(x, top, x, bottom)
        for k in range(1, columns.count):
            self._line(self.edges[f"p{k}"][0], split, self.edges[f"p{k}"][0], bottom)
        for x in (kelengkapan[1], self.edges["waktu"][1]):
            self._line(x, split, x, bottom)

    def _block(self, lines, centre_x, middle, size, font, metrics) -> None:
        """Lines centred in a cell both ways (text-align and vertical-align: middle)."""
        line = size * PT_TO_MM * LINE_HEIGHT
        top = middle - line * len(lines) / 2
        baseline = top + self._baseline(metrics, size, line)
        for index, text in enumerate(lines):
            self._text(text, centre_x, baseline + index * line, size, font=font, align="center")

    def _body_grid(self) -> None:
        rows = self.page.rows
        if not rows:
            return
        right = self.left + self.layout.usable_width
        bottom = self.body_top + rows[-1].bottom
        self._stroke_rect(self.left, self.body_top, right, bottom)
        for row in rows[1:]:
            self._line(self.left, self.body_top + row.top, right, self.body_top + row.top)
        diagram_left, diagram_right = self.edges["p0"][0], self.edges[f"p{self.columns.count - 1}"][1]
        for x in (self.edges["no"][1], diagram_left, diagram_right, *(self.edges[n][1] for n in CELLS[1:-1])):
            self._line(x, self.body_top, x, bottom)

    def _diagram(self) -> None:
        """The page canvas of diagram.py (mm, y from the first body row's top), clipped to the body's diagram area."""
        rows = self.page.rows
        if not rows:
            return
        canvas, columns = self.canvas, self.columns
        left, height = self.edges["p0"][0], rows[-1].bottom
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(self.x(left), self.y(self.body_top + height), columns.diagram * MM, height * MM)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.translate(self.x(left), self.y(self.body_top))
        canvas.scale(MM, -MM)  # the canvas's own units: millimetres, y downward, as in the SVG
        drawing = [*column_lines(columns, 0, height), *(primitive.svg for primitive in self.page.primitives)]
        for element in ET.fromstring(f"<g>{''.join(drawing)}</g>"):
            _svg_element(canvas, element)
        canvas.restoreState()

    def _row_text(self, row: Row) -> None:
        columns = self.columns
        size, line = columns.font_pt, columns.line_mm
        baseline = self.body_top + row.top + PAD_Y + self._baseline(regular(), size, line)
        if row.kind == "step":
            left, right = self.edges["no"]
            self._text(f"{row.step.urutan}.", (left + right) / 2, baseline, size, align="center")
        for name in CELLS:
            left = self.edges[name][0] + PAD_X
            for index, text in enumerate(getattr(row, name).split("\n") if getattr(row, name) else []):
                self._text(text, left, baseline + index * line, size)

    def _line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.canvas.setLineWidth(BORDER * MM)
        self.canvas.setStrokeColor(colour("#000"))
        self.canvas.line(self.x(x1), self.y(y1), self.x(x2), self.y(y2))

    def _stroke_rect(self, left: float, top: float, right: float, bottom: float) -> None:
        self.canvas.setLineWidth(BORDER * MM)
        self.canvas.setStrokeColor(colour("#000"))
        self.canvas.rect(self.x(left), self.y(bottom), (right - left) * MM, (bottom - top) * MM, 1, 0)


def _points(value: str) -> list[tuple[float, float]]:
    pairs = (pair.split(",") for pair in value.split())
    return [(float(x), float(y)) for x, y in pairs]


def _svg_element(canvas: Canvas, element: ET.Element) -> None:
    """One element of the subset diagram.py and shapes.py write: line, polyline, polygon, rect, text."""
    get = element.get
    stroke, fill = get("stroke", "none"), get("fill", "none")
    if stroke != "none":
        canvas.setStrokeColor(colour(stroke))
        canvas.setLineWidth(float(get("stroke-width", "1")))
    if fill != "none":
        canvas.setFillColor(colour(fill))
    painted = {"stroke": int(stroke != "none"), "fill": int(fill != "none")}
    match element.tag:
        case "line":
            canvas.line(float(get("x1")), float(get("y1")), float(get("x2")), float(get("y2")))
        case "polyline" | "polygon":
            points = _points(get("points"))
            path = canvas.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            if element.tag == "polygon":
                path.close()
            canvas.drawPath(path, **painted)
        case "rect":
            x, y, w, h = (float(get(name)) for name in ("x", "y", "width", "height"))
            radius = float(get("rx", "0"))
            if radius:
                canvas.roundRect(x, y, w, h, radius, **painted)
            else:
                canvas.rect(x, y, w, h, **painted)
        case "text":
            font = BOLD_NAME if get("font-weight") == "bold" else REGULAR_NAME
            x, y, size = float(get("x")), float(get("y")), float(get("font-size"))
            canvas.saveState()
            canvas.translate(x, y)
            canvas.scale(1, -1)  # text upright again on the y-down canvas
            canvas.setFont(font, size)
            if get("text-anchor") == "middle":
                canvas.drawCentredString(0, 0, element.text or "")
            else:
                canvas.drawString(0, 0, element.text or "")
            canvas.restoreState()
        case other:
            raise ValueError(f"the flowchart drawing has an element this renderer does not draw: <{other}>")
