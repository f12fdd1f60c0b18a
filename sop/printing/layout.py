"""Page layout of the flowchart table: column widths, row heights, pages and the drawing over the rows.

Everything is in millimetres (the shapes are in geometry.py). Rows are measured with the embedded font
(metrics.py) and split into pages here rather than by the renderer, so each edge that crosses a page break is
known and drawn as a pair of off-page connectors: bottom of one page, top of the next (reversed for a loop back).
"""

from sop.models import Langkah, Pelaksana, Sop
from sop.printing.diagram import draw
from sop.printing.geometry import (
    CONNECTOR_ROW,
    FLOW_MARGIN,
    PAD_X,
    PAD_Y,
    PAGE_SLACK,
    PAPERS,
    Columns,
    FlowLayout,
    Page,
    Row,
    header_pad,
    longest_word,
    names_need_hyphens,
)
from sop.printing.metrics import bold, regular

__all__ = ["FLOW_MARGIN", "PAPERS", "build_layout", "choose_columns", "header_name_lines", "paginate"]


# (up to this many pelaksana, font size, the other columns' widths, the uraian's width the pelaksana columns are
# sized from, the least it may shrink to): more columns, a smaller font and narrower fixed columns. The last tier
# takes MAX_PELAKSANA (20) on A4 landscape with every pelaksana column 8.8 mm wide and the uraian 40 mm: the most
# the editor and the importer accept.
TIERS = (
    (6, 8.0, {"no": 8.0, "kelengkapan": 26.0, "waktu": 15.0, "output": 26.0, "keterangan": 20.0}, 55.0, 55.0),
    (15, 7.0, {"no": 7.0, "kelengkapan": 21.0, "waktu": 12.0, "output": 21.0, "keterangan": 14.0}, 55.0, 35.0),
    (None, 6.0, {"no": 6.0, "kelengkapan": 17.0, "waktu": 10.0, "output": 17.0, "keterangan": 11.0}, 40.0, 40.0),
)
MAX_COLUMN, MIN_COLUMN = 26.0, 11.0


def choose_columns(usable: float, count: int) -> Columns:
    """Widths that keep the uraian readable and give every pelaksana a column, even 20 of them.

    The columns always add up to the page: an SOP saved with more pelaksana than the limit allows now (before it
    existed) prints every column, narrower than the least width, rather than a table wider than the paper.
    """
    shown = max(count, 1)
    font, fixed, uraian, least = next((f, w, u, m) for upto, f, w, u, m in TIERS if upto is None or shown <= upto)
    rest = usable - sum(fixed.values())
    pelaksana = min(MAX_COLUMN, max(MIN_COLUMN, (rest - uraian) / shown), (rest - least) / shown)
    return Columns(uraian=rest - pelaksana * shown, pelaksana=pelaksana, count=shown, font_pt=font, **fixed)


def header_font(columns: Columns, pelaksana: list[Pelaksana]) -> float:
    """The largest size, down to 5 pt, at which every word of the pelaksana names fits its column."""
    longest = longest_word(pelaksana)
    room = columns.pelaksana - 2 * header_pad(columns)
    size = columns.font_pt - 0.5
    while size > 5.0 and bold().width_mm(longest, size) > room:
        size -= 0.5
    return size


def header_name_lines(name: str, columns: Columns, size: float, *, hyphens: bool) -> list[str]:
    """A pelaksana's name as its header cell shows it; a word wider than the column is broken with a hyphen."""
    return bold().wrap(name, columns.pelaksana - 2 * header_pad(columns), size, hyphen="-" if hyphens else "")


def header_height(columns: Columns, pelaksana: list[Pelaksana], size: float) -> float:
    hyphens = names_need_hyphens(pelaksana, columns, size)  # as FlowLayout.header_hyphens
    lines = max((len(header_name_lines(p.nama, columns, size, hyphens=hyphens)) for p in pelaksana), default=1)
    lines = max(lines, bold().line_count("Kelengkapan", columns.kelengkapan - 2 * PAD_X, size))
    return columns.text_height(1) + max(columns.text_height(lines), 7.0) + 0.6


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
        height = columns.text_height(used)
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
    draw(layout, steps)
    return layout
