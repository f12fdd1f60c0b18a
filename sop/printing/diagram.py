"""The flowchart drawn over the table rows: the five symbols of Permenpan RB 35/2012 and orthogonal arrows.

Each page is one canvas (millimetres, y from the top of its first body row). Every row of the table gets an
SVG showing the slice of that canvas behind it, so symbols and arrows line up with the table's own rows.
An edge is drawn by the kind it is: to the next step on the same page, to the next step on a later page (over
a pair of off-page connectors), or along a lane beside the columns — a forward skip or a loop back, on one page
or over a page break.
"""

from dataclasses import dataclass
from string import ascii_uppercase

from sop.models import Langkah
from sop.printing import shapes
from sop.printing.geometry import CONNECTOR_ROW, Columns, FlowLayout, Page, Row
from sop.printing.shapes import CONNECTOR_H, CONNECTOR_W, INK, connector, label, number, polyline

# Symbol sizes and where they sit in their row.
DIAMOND_W, DIAMOND_H, DIAMOND_CY = 13.0, 10.0, 8.0
BOX_W, BOX_H, BOX_CY_MAX = 18.0, 7.0, 6.5
SYMBOL_MARGIN = 3.2  # a symbol keeps this much of its column free
# Arrows and labels.
TURN_ABOVE_ROW_END = 2.2  # an arrow to the next column turns this far above the end of its row
LABEL_DX, LABEL_DY = 0.8, 2.6  # a Ya/Tidak label beside the arrow leaving the symbol's bottom
SIDE_LABEL_DX_RIGHT, SIDE_LABEL_DX_LEFT, SIDE_LABEL_DY = 0.6, -5.0, 0.9
CONNECTOR_TOP = 1.2  # a connector's top below the top of its connector row
BEND_IN_ROW = 0.6  # an arrow bends this far inside a connector row
LANE_TO_CONNECTOR = 1.0  # a lane reaches the connector row this far below its top
LOOP_BACK_BEND = 7.2  # a loop back meets its connector this far below the top of the page
# Lanes run inside a column, beside the symbols: the first this far from the column's edge, the next ones apart.
LANE_FIRST, LANE_GAP, LANE_MIN, LANE_CLEARANCE = 1.1, 0.9, 0.6, 0.3
SLOT_GAP = 0.8  # between two connectors of one connector row


@dataclass
class Placed:
    step: Langkah
    page: int
    first: Row
    last: Row
    column: int | None
    cx: float = 0.0
    cy: float = 0.0
    w: float = 0.0
    h: float = 0.0

    @property
    def top(self) -> tuple[float, float]:
        return self.cx, self.cy - self.h / 2

    @property
    def bottom(self) -> tuple[float, float]:
        return self.cx, self.cy + self.h / 2

    def side(self, right: bool) -> tuple[float, float]:
        return (self.cx + self.w / 2 if right else self.cx - self.w / 2), self.cy


def letters():
    yield from ascii_uppercase
    for first in ascii_uppercase:
        for second in ascii_uppercase:
            yield first + second


class _Slots:
    """Horizontal places for connectors in one connector row, so two letters never overlap."""

    def __init__(self, width: float):
        self.width = width
        self.used: list[float] = []

    def take(self, x: float) -> float:
        step = CONNECTOR_W + SLOT_GAP
        candidate = x
        while any(abs(candidate - other) < step for other in self.used):
            candidate += step
            if candidate > self.width - CONNECTOR_W / 2:
                candidate = x - step
                x = candidate
        self.used.append(candidate)
        return candidate


def _edges(steps: list[Langkah]) -> list[tuple[int, int, str]]:
    """(source index, target index, label) for every arrow of the flow."""
    edges = []
    count = len(steps)
    for index, step in enumerate(steps):
        if step.simbol == Langkah.Simbol.KEPUTUSAN:
            for target, text in ((step.ya_ke, "Ya"), (step.tidak_ke, "Tidak")):
                if target and 1 <= target <= count and target != index + 1:
                    edges.append((index, target - 1, text))
        elif index + 1 < count:
            edges.append((index, index + 1, ""))
    return edges


def _place(layout: FlowLayout, steps: list[Langkah]) -> list[Placed]:
    """Each step on the page and rows it occupies, in the column of its pelaksana (None: no pelaksana)."""
    index_of_column = {p.pk: i for i, p in enumerate(layout.pelaksana)}
    placed: dict[int, Placed] = {}
    for page_no, page in enumerate(layout.pages):
        for row in page.rows:
            if row.kind == "step":
                placed[row.step.pk] = Placed(row.step, page_no, row, row, index_of_column.get(row.step.pelaksana_id))
            elif row.kind == "lanjutan":
                placed[row.step.pk].last = row
    return [placed[s.pk] for s in steps]


def _add_connector_rows(layout: FlowLayout, edges: list[tuple[Placed, Placed, str]]) -> None:
    """Connector rows only on pages an edge leaves or enters, then every row's top on its page canvas.

    A forward edge leaves at the bottom and enters at the top; a loop back leaves at the top, enters at the bottom.
    """
    tops, bottoms = set(), set()
    for a, b, _text in edges:
        if a.page < b.page:
            bottoms.add(a.page)
            tops.add(b.page)
        elif a.page > b.page:
            tops.add(a.page)
            bottoms.add(b.page)
    for number_, page in enumerate(layout.pages):
        if number_ in tops:
            page.rows.insert(0, Row(kind="masuk", height=CONNECTOR_ROW))
        if number_ in bottoms:
            page.rows.append(Row(kind="keluar", height=CONNECTOR_ROW))
        y = 0.0
        for row in page.rows:
            row.top = y
            y += row.height


def _draw_symbols(layout: FlowLayout, nodes: list[Placed]) -> None:
    columns = layout.columns
    for node in nodes:
        if node.column is None:
            continue
        diamond = node.step.simbol == Langkah.Simbol.KEPUTUSAN
        node.w = min(columns.pelaksana - SYMBOL_MARGIN, DIAMOND_W if diamond else BOX_W)
        node.h = DIAMOND_H if diamond else BOX_H
        node.cx = columns.center(node.column)
        node.cy = node.first.top + (DIAMOND_CY if diamond else min(node.first.height / 2, BOX_CY_MAX))
        layout.pages[node.page].primitives.append(shapes.symbol(node.step.simbol, node.cx, node.cy, node.w, node.h))


class _Router:
    """Draws the edges of one layout, keeping the lanes, connector slots and letters they share."""

    def __init__(self, layout: FlowLayout):
        self.layout = layout
        self.columns: Columns = layout.columns
        self.lanes: dict[tuple[int, int, bool], int] = {}
        self.side_exits: dict[int, int] = {}
        self.letter_source = letters()
        self.slots_in = {i: _Slots(self.columns.diagram) for i in range(len(layout.pages))}
        self.slots_out = {i: _Slots(self.columns.diagram) for i in range(len(layout.pages))}
        # A lane keeps clear of the diamond in its column.
        self.widest_symbol = min(self.columns.pelaksana - SYMBOL_MARGIN, DIAMOND_W)

    def route(self, a: Placed, b: Placed, text: str) -> None:
        if b.step.urutan == a.step.urutan + 1 and b.page >= a.page:
            if a.page == b.page:
                self.next_on_page(a, b, text)
            else:
                self.next_on_later_page(a, b, text)
        else:
            self.along_a_lane(a, b, text)

    def next_letter(self) -> str:
        letter = next(self.letter_source)
        self.layout.connector_letters.append(letter)
        return letter

    def lane_x(self, page: int, column: int, right: bool) -> float:
        key = (page, column, right)
        k = self.lanes.get(key, 0)
        self.lanes[key] = k + 1
        width = self.columns.pelaksana
        base = self.columns.right(column) if right else width * column
        limit = (width - self.widest_symbol) / 2 - LANE_CLEARANCE
        offset = min(LANE_FIRST + LANE_GAP * k, max(limit, LANE_MIN))
        return base - offset if right else base + offset

    def _bottom_label(self, page: Page, a: Placed, text: str) -> None:
        if text:
            page.primitives.append(label(text, a.cx + LABEL_DX, a.bottom[1] + LABEL_DY))

    def next_on_page(self, a: Placed, b: Placed, text: str) -> None:
        prims = self.layout.pages[a.page].primitives
        if a.cx == b.cx:
            prims.append(polyline([a.bottom, b.top]))
        else:
            turn = a.last.bottom - TURN_ABOVE_ROW_END
            prims.append(polyline([a.bottom, (a.cx, turn), (b.cx, turn), b.top]))
        self._bottom_label(self.layout.pages[a.page], a, text)

    def next_on_later_page(self, a: Placed, b: Placed, text: str) -> None:
        """Down to a connector at the bottom of this page, on from its twin at the top of the next."""
        page_a = self.layout.pages[a.page]
        letter = self.next_letter()
        out_row = page_a.rows[-1]
        x_out = self.slots_out[a.page].take(a.cx)
        bend = out_row.top + BEND_IN_ROW
        page_a.primitives.append(
            polyline([a.bottom, (a.cx, bend), (x_out, bend), (x_out, out_row.top + CONNECTOR_TOP)])
        )
        page_a.primitives.append(connector(letter, x_out, out_row.top + CONNECTOR_TOP))
        self._bottom_label(page_a, a, text)
        self.arrive(b, letter)

    def along_a_lane(self, a: Placed, b: Placed, text: str) -> None:
        """Out of the symbol's side, along a lane: a forward skip or a loop back (Tidak)."""
        right = self.side_exits.get(a.step.pk, 0) == 0
        self.side_exits[a.step.pk] = self.side_exits.get(a.step.pk, 0) + 1
        lane_column = max(a.column, b.column) if right else min(a.column, b.column)
        start = a.side(right)
        prims = self.layout.pages[a.page].primitives
        if text:
            dx = SIDE_LABEL_DX_RIGHT if right else SIDE_LABEL_DX_LEFT
            prims.append(label(text, start[0] + dx, start[1] - SIDE_LABEL_DY))
        x = self.lane_x(a.page, lane_column, right)
        if a.page == b.page:
            end = b.side(right)
            prims.append(polyline([start, (x, start[1]), (x, end[1]), end]))
        elif b.page > a.page:
            self.lane_forward_over_break(a, b, start, x)
        else:
            self.lane_back_over_break(a, b, start, x, right)

    def lane_forward_over_break(self, a: Placed, b: Placed, start: tuple[float, float], x: float) -> None:
        """Forward over the break: to a connector at the bottom of this page, on from the top of the target's."""
        page_a = self.layout.pages[a.page]
        letter = self.next_letter()
        out_row = page_a.rows[-1]
        xc = self.slots_out[a.page].take(x)
        y = out_row.top + LANE_TO_CONNECTOR
        page_a.primitives.append(polyline([start, (x, start[1]), (x, y), (xc, y)]))
        page_a.primitives.append(connector(letter, xc, out_row.top + CONNECTOR_TOP))
        self.arrive(b, letter)

    def lane_back_over_break(self, a: Placed, b: Placed, start: tuple[float, float], x: float, right: bool) -> None:
        """A loop back over the break, drawn upward: top of this page, bottom of the target's page."""
        page_a, page_b = self.layout.pages[a.page], self.layout.pages[b.page]
        letter = self.next_letter()
        in_row = page_a.rows[0]
        xc = self.slots_in[a.page].take(x)
        y = in_row.top + LOOP_BACK_BEND
        page_a.primitives.append(polyline([start, (x, start[1]), (x, y), (xc, y)]))
        page_a.primitives.append(connector(letter, xc, in_row.top + CONNECTOR_TOP))
        out_row = page_b.rows[-1]
        xb_lane = self.lane_x(b.page, b.column, right)
        xb = self.slots_out[b.page].take(xb_lane)
        end = b.side(right)
        y = out_row.top + CONNECTOR_TOP
        page_b.primitives.append(connector(letter, xb, y))
        page_b.primitives.append(polyline([(xb, y), (xb_lane, y), (xb_lane, end[1]), end]))

    def arrive(self, target: Placed, letter: str) -> None:
        """The twin connector at the top of the target's page, and the arrow from it down to the target."""
        page = self.layout.pages[target.page]
        row = page.rows[0]
        x = self.slots_in[target.page].take(target.cx)
        bend = row.bottom - BEND_IN_ROW
        top = row.top + CONNECTOR_TOP
        page.primitives.append(connector(letter, x, top))
        page.primitives.append(polyline([(x, top + CONNECTOR_H), (x, bend), (target.cx, bend), target.top]))


def draw(layout: FlowLayout, steps: list[Langkah]) -> None:
    """Place the symbols, route every edge and give each row the SVG slice behind it."""
    nodes = _place(layout, steps)
    edges = [(nodes[a], nodes[b], text) for a, b, text in _edges(steps)]
    edges = [(a, b, text) for a, b, text in edges if a.column is not None and b.column is not None]
    _add_connector_rows(layout, edges)
    _draw_symbols(layout, nodes)
    router = _Router(layout)
    for a, b, text in edges:
        router.route(a, b, text)
    for page in layout.pages:
        _slice(page, layout.columns)


def column_lines(columns: Columns, top: float, bottom: float) -> list[str]:
    """The lines between pelaksana columns from `top` to `bottom` of the page canvas, as SVG."""
    return [
        f'<line x1="{number(columns.pelaksana * k)}" y1="{number(top)}" x2="{number(columns.pelaksana * k)}" '
        f'y2="{number(bottom)}" stroke="{INK}" stroke-width="0.25"/>'
        for k in range(1, columns.count)
    ]


def _slice(page: Page, columns: Columns) -> None:
    """Give each row the SVG of its slice of the page canvas, with the lines between pelaksana columns."""
    width = columns.diagram
    for row in page.rows:
        parts = column_lines(columns, row.top, row.bottom)
        parts += [p.svg for p in page.primitives if p.bottom >= row.top - 0.01 and p.top <= row.bottom + 0.01]
        row.svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" width="{number(width)}mm" '
            f'height="{number(row.height)}mm" '
            f'viewBox="0 {number(row.top)} {number(width)} {number(row.height)}" preserveAspectRatio="none">'
            f"{''.join(parts)}</svg>"
        )
