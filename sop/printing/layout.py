"""Page layout of the flowchart table: column widths, row heights, pages and the drawing over the rows.

Everything is in millimetres. Rows are measured with the embedded font (metrics.py), split into pages
here rather than by the renderer, so each edge that crosses a page break is known and drawn as a pair of
off-page connectors: bottom of one page, top of the next (reversed for a loop back).
"""

from dataclasses import dataclass, field

from sop.models import Langkah, Pelaksana, Sop
from sop.printing.metrics import bold, regular

PAPERS = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}  # portrait width, height
FLOW_MARGIN = {"top": 12.0, "bottom": 14.0, "left": 10.0, "right": 10.0}
PAD_X, PAD_Y = 1.2, 1.0
LINE_HEIGHT = 1.25  # × font size
CONNECTOR_ROW = 9.0
# The renderer's borders and rounding add a little per row; keep this much of each page free.
PAGE_SLACK = 0.04


@dataclass(frozen=True)
class Columns:
    no: float
    uraian: float
    pelaksana: float  # each pelaksana column
    count: int  # pelaksana columns shown (at least 1)
    kelengkapan: float
    waktu: float
    output: float
    keterangan: float
    font_pt: float

    @property
    def diagram(self) -> float:
        return self.pelaksana * self.count

    def center(self, column: int) -> float:
        return self.pelaksana * column + self.pelaksana / 2

    def right(self, column: int) -> float:
        return self.pelaksana * (column + 1)

    @property
    def line_mm(self) -> float:
        return self.font_pt * 0.3528 * LINE_HEIGHT


@dataclass
class Primitive:
    """One drawn thing: an SVG fragment and the vertical span it covers on its page canvas."""

    svg: str
    top: float
    bottom: float


@dataclass
class Row:
    kind: str  # "step", "lanjutan" (continuation of a tall step), "masuk" / "keluar" (connector rows)
    height: float
    step: Langkah | None = None
    uraian: str = ""
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    keterangan: str = ""
    top: float = 0.0
    svg: str = ""

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass
class Page:
    rows: list[Row] = field(default_factory=list)
    primitives: list[Primitive] = field(default_factory=list)


@dataclass
class FlowLayout:
    paper: str
    width: float  # landscape page width
    height: float
    columns: Columns
    header_height: float
    header_pt: float
    pelaksana: list[Pelaksana]
    pages: list[Page]
    connector_letters: list[str]

    @property
    def header_hyphens(self) -> bool:
        """Names whose longest word is wider than its column even at the smallest size are hyphenated."""
        longest = max((word for p in self.pelaksana for word in p.nama.split()), key=len, default="")
        return bold().width_mm(longest, self.header_pt) > self.columns.pelaksana - 2 * self.header_pad

    @property
    def header_pad(self) -> float:
        return header_pad(self.columns)

    @property
    def usable_width(self) -> float:
        return self.width - FLOW_MARGIN["left"] - FLOW_MARGIN["right"]


def choose_columns(usable: float, count: int) -> Columns:
    """Widths that keep the uraian readable and give every pelaksana a column, even 15 of them."""
    shown = max(count, 1)
    if shown <= 6:
        font, fixed = 8.0, {"no": 8.0, "kelengkapan": 26.0, "waktu": 15.0, "output": 26.0, "keterangan": 20.0}
    else:
        font, fixed = 7.0, {"no": 7.0, "kelengkapan": 21.0, "waktu": 12.0, "output": 21.0, "keterangan": 14.0}
    rest = usable - sum(fixed.values())
    pelaksana = min(26.0, max(11.0, (rest - 55.0) / shown))
    return Columns(uraian=rest - pelaksana * shown, pelaksana=pelaksana, count=shown, font_pt=font, **fixed)


def _text_height(lines: int, columns: Columns) -> float:
    return lines * columns.line_mm + 2 * PAD_Y


def header_pad(columns: Columns) -> float:
    """Narrow pelaksana columns give their header text the padding."""
    return PAD_X if columns.pelaksana >= 16 else 0.4


def header_font(columns: Columns, pelaksana: list[Pelaksana]) -> float:
    """The largest size, down to 5 pt, at which every word of the pelaksana names fits its column."""
    longest = max((word for p in pelaksana for word in p.nama.split()), key=len, default="")
    room = columns.pelaksana - 2 * header_pad(columns)
    size = columns.font_pt - 0.5
    while size > 5.0 and bold().width_mm(longest, size) > room:
        size -= 0.5
    return size


def header_height(columns: Columns, pelaksana: list[Pelaksana], size: float) -> float:
    room = columns.pelaksana - 2 * header_pad(columns)
    lines = max((bold().line_count(p.nama, room, size) for p in pelaksana), default=1)
    lines = max(lines, bold().line_count("Kelengkapan", columns.kelengkapan - 2 * PAD_X, size))
    return _text_height(1, columns) + max(_text_height(lines, columns), 7.0) + 0.6


SYMBOL_ROOM = {"terminator": 13.0, "proses": 13.0, "keputusan": 16.0}


def _texts(step: Langkah, columns: Columns) -> dict[str, list[str]]:
    m, size = regular(), columns.font_pt
    return {
        "uraian": m.wrap(step.uraian, columns.uraian - 2 * PAD_X, size),
        "kelengkapan": m.wrap(step.kelengkapan, columns.kelengkapan - 2 * PAD_X, size),
        "waktu": m.wrap(step.waktu_tampil, columns.waktu - 2 * PAD_X, size),
        "output": m.wrap(step.output, columns.output - 2 * PAD_X, size),
        "keterangan": m.wrap(step.keterangan, columns.keterangan - 2 * PAD_X, size),
    }


def _step_rows(step: Langkah, columns: Columns, first_room: float, page_room: float) -> list[Row]:
    """The step as one row, or as a first row and continuation rows when it is taller than a page."""
    texts = _texts(step, columns)
    total_lines = max(len(lines) for lines in texts.values())
    per_line = columns.line_mm
    minimum = SYMBOL_ROOM.get(step.simbol, 13.0)
    rows: list[Row] = []
    start = 0
    room = first_room
    while True:
        fit = max(1, int((room - 2 * PAD_Y) // per_line))
        chunk = {name: "\n".join(lines[start : start + fit]) for name, lines in texts.items()}
        used = min(fit, total_lines - start)
        height = _text_height(used, columns)
        if not rows:
            height = max(height, minimum)
        rows.append(Row(kind="lanjutan" if rows else "step", height=round(height, 2), step=step, **chunk))
        start += fit
        if start >= total_lines:
            return rows
        room = page_room


def paginate(steps: list[Langkah], columns: Columns, capacity: float) -> list[Page]:
    """Fill pages with step rows; a step taller than a page continues on the next one."""
    pages = [Page()]
    used = 0.0
    for step in steps:
        rows = _step_rows(step, columns, capacity, capacity)
        if len(rows) == 1:
            if used + rows[0].height > capacity and pages[-1].rows:
                pages.append(Page())
                used = 0.0
        else:
            if capacity - used < SYMBOL_ROOM["keputusan"] + 3 * columns.line_mm and pages[-1].rows:
                pages.append(Page())
                used = 0.0
            rows = _step_rows(step, columns, capacity - used, capacity)
        for index, row in enumerate(rows):
            if index > 0:
                pages.append(Page())
                used = 0.0
            pages[-1].rows.append(row)
            used += row.height
    return pages


def build_layout(sop: Sop, paper: str = "A4", *, paged: bool = True) -> FlowLayout:
    """The flowchart of the SOP on `paper`; unpaginated, it is one long page (for the screen)."""
    portrait_w, portrait_h = PAPERS[paper]
    width, height = portrait_h, portrait_w  # flowchart pages are landscape
    pelaksana = list(sop.pelaksana.all())
    steps = list(sop.langkah.all())
    columns = choose_columns(width - FLOW_MARGIN["left"] - FLOW_MARGIN["right"], len(pelaksana))
    head_pt = header_font(columns, pelaksana)
    head = header_height(columns, pelaksana, head_pt)
    body = height - FLOW_MARGIN["top"] - FLOW_MARGIN["bottom"] - head
    capacity = body * (1 - PAGE_SLACK) - 2 * CONNECTOR_ROW if paged else 1e6  # a kilometre: one page
    pages = paginate(steps, columns, capacity)
    layout = FlowLayout(paper, width, height, columns, head, head_pt, pelaksana, pages, [])
    from sop.printing.diagram import draw

    draw(layout, steps)
    return layout
