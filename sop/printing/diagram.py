"""The flowchart drawn over the table rows: the five symbols of Permenpan RB 35/2012 and orthogonal arrows.

Each page is one canvas (millimetres, y from the top of its first body row). Every row of the table gets an
SVG showing the slice of that canvas behind it, so symbols and arrows line up with the table's own rows.
"""

from dataclasses import dataclass
from string import ascii_uppercase

from sop.models import Langkah
from sop.printing.layout import CONNECTOR_ROW, FlowLayout, Page, Primitive, Row

STROKE = 0.3
ARROW = 1.6
LANE_GAP = 0.9
CONNECTOR_W, CONNECTOR_H = 5.0, 5.6
INK = "#111"
FILL = "#fff"


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


def _f(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _polyline(points: list[tuple[float, float]], arrow: bool = True) -> Primitive:
    path = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    svg = f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="{STROKE}"/>'
    if arrow and len(points) >= 2:
        svg += _arrowhead(points[-2], points[-1])
    ys = [y for _x, y in points]
    return Primitive(svg, min(ys) - ARROW, max(ys) + ARROW)


def _arrowhead(start: tuple[float, float], end: tuple[float, float]) -> str:
    (x0, y0), (x1, y1) = start, end
    dx, dy = (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0)
    a, b = ARROW, ARROW / 2.4
    if dy:  # vertical
        pts = [(x1, y1), (x1 - b, y1 - dy * a), (x1 + b, y1 - dy * a)]
    else:
        pts = [(x1, y1), (x1 - dx * a, y1 - b), (x1 - dx * a, y1 + b)]
    return f'<polygon points="{" ".join(f"{_f(x)},{_f(y)}" for x, y in pts)}" fill="{INK}"/>'


def _label(text: str, x: float, y: float) -> Primitive:
    svg = (
        f'<text x="{_f(x)}" y="{_f(y)}" font-size="2.4" font-family="DejaVu Sans Condensed" fill="{INK}">{text}</text>'
    )
    return Primitive(svg, y - 2.5, y + 0.5)


def _symbol(p: Placed) -> Primitive:
    x, y, w, h = p.cx - p.w / 2, p.cy - p.h / 2, p.w, p.h
    style = f'fill="{FILL}" stroke="{INK}" stroke-width="{STROKE}"'
    if p.step.simbol == Langkah.Simbol.KEPUTUSAN:
        pts = [(p.cx, y), (x + w, p.cy), (p.cx, y + h), (x, p.cy)]
        svg = f'<polygon points="{" ".join(f"{_f(a)},{_f(b)}" for a, b in pts)}" {style}/>'
    elif p.step.simbol == Langkah.Simbol.TERMINATOR:
        svg = f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" rx="{_f(h / 2)}" {style}/>'
    else:
        svg = f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" {style}/>'
    return Primitive(svg, y, y + h)


def _connector(letter: str, x: float, y: float) -> Primitive:
    """Off-page connector: a pentagon pointing down, with its letter."""
    w, h = CONNECTOR_W, CONNECTOR_H
    body = h * 0.62
    pts = [(x - w / 2, y), (x + w / 2, y), (x + w / 2, y + body), (x, y + h), (x - w / 2, y + body)]
    svg = (
        f'<polygon points="{" ".join(f"{_f(a)},{_f(b)}" for a, b in pts)}" fill="{FILL}" stroke="{INK}" '
        f'stroke-width="{STROKE}"/><text x="{_f(x)}" y="{_f(y + body * 0.78)}" font-size="2.8" text-anchor="middle" '
        f'font-family="DejaVu Sans Condensed" font-weight="bold" fill="{INK}">{letter}</text>'
    )
    return Primitive(svg, y, y + h)


class _Slots:
    """Horizontal places for connectors in one connector row, so two letters never overlap."""

    def __init__(self, width: float):
        self.width = width
        self.used: list[float] = []

    def take(self, x: float) -> float:
        step = CONNECTOR_W + 0.8
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
            for target, label in ((step.ya_ke, "Ya"), (step.tidak_ke, "Tidak")):
                if target and 1 <= target <= count and target != index + 1:
                    edges.append((index, target - 1, label))
        elif index + 1 < count:
            edges.append((index, index + 1, ""))
    return edges


def draw(layout: FlowLayout, steps: list[Langkah]) -> None:
    columns = layout.columns
    index_of_column = {p.pk: i for i, p in enumerate(layout.pelaksana)}
    placed: dict[int, Placed] = {}
    for page_no, page in enumerate(layout.pages):
        for row in page.rows:
            if row.kind == "step":
                placed[row.step.pk] = Placed(row.step, page_no, row, row, index_of_column.get(row.step.pelaksana_id))
            elif row.kind == "lanjutan":
                placed[row.step.pk].last = row
    nodes = [placed[s.pk] for s in steps]
    edges = [(nodes[a], nodes[b], label) for a, b, label in _edges(steps)]
    edges = [(a, b, label) for a, b, label in edges if a.column is not None and b.column is not None]

    # Connector rows exist only on pages that an edge leaves or enters: a forward edge leaves at the
    # bottom and enters at the top; a loop back leaves at the top and enters at the bottom.
    tops, bottoms = set(), set()
    for a, b, _label_text in edges:
        if a.page < b.page:
            bottoms.add(a.page)
            tops.add(b.page)
        elif a.page > b.page:
            tops.add(a.page)
            bottoms.add(b.page)
    for number, page in enumerate(layout.pages):
        if number in tops:
            page.rows.insert(0, Row(kind="masuk", height=CONNECTOR_ROW))
        if number in bottoms:
            page.rows.append(Row(kind="keluar", height=CONNECTOR_ROW))
        y = 0.0
        for row in page.rows:
            row.top = y
            y += row.height

    for node in nodes:
        if node.column is None:
            continue
        diamond = node.step.simbol == Langkah.Simbol.KEPUTUSAN
        node.w = min(columns.pelaksana - 3.2, 13.0 if diamond else 18.0)
        node.h = 10.0 if diamond else 7.0
        node.cx = columns.center(node.column)
        node.cy = node.first.top + (8.0 if diamond else min(node.first.height / 2, 6.5))
        layout.pages[node.page].primitives.append(_symbol(node))

    widest_symbol = min(columns.pelaksana - 3.2, 13.0)  # a lane keeps clear of the diamond in its column
    lanes: dict[tuple[int, int, bool], int] = {}
    side_exits: dict[int, int] = {}
    letter_source = letters()
    slots_in = {i: _Slots(columns.diagram) for i in range(len(layout.pages))}
    slots_out = {i: _Slots(columns.diagram) for i in range(len(layout.pages))}

    def lane_x(page: int, column: int, right: bool) -> float:
        key = (page, column, right)
        k = lanes.get(key, 0)
        lanes[key] = k + 1
        base = columns.right(column) if right else columns.pelaksana * column
        offset = 1.1 + LANE_GAP * k
        limit = (columns.pelaksana - widest_symbol) / 2 - 0.3
        offset = min(offset, max(limit, 0.6))
        return base - offset if right else base + offset

    for a, b, label in edges:
        page_a, page_b = layout.pages[a.page], layout.pages[b.page]
        adjacent = b.step.urutan == a.step.urutan + 1 and b.page >= a.page
        prims = page_a.primitives
        if adjacent and a.page == b.page:
            start, end = a.bottom, b.top
            if a.cx == b.cx:
                prims.append(_polyline([start, end]))
            else:
                turn = a.last.bottom - 2.2
                prims.append(_polyline([start, (a.cx, turn), (b.cx, turn), end]))
            if label:
                prims.append(_label(label, a.cx + 0.8, a.bottom[1] + 2.6))
            continue
        if adjacent:  # the next step is on a later page: down to a connector, on from its twin
            letter = next(letter_source)
            layout.connector_letters.append(letter)
            out_row = page_a.rows[-1]
            x_out = slots_out[a.page].take(a.cx)
            bend = out_row.top + 0.6
            prims.append(_polyline([a.bottom, (a.cx, bend), (x_out, bend), (x_out, out_row.top + 1.2)]))
            prims.append(_connector(letter, x_out, out_row.top + 1.2))
            if label:
                prims.append(_label(label, a.cx + 0.8, a.bottom[1] + 2.6))
            _arrive(page_b, slots_in[b.page], letter, b)
            continue
        # Any other edge leaves the symbol sideways and runs along a lane: forward skips and loops back.
        right = side_exits.get(a.step.pk, 0) == 0
        side_exits[a.step.pk] = side_exits.get(a.step.pk, 0) + 1
        lane_column = max(a.column, b.column) if right else min(a.column, b.column)
        start = a.side(right)
        if label:
            prims.append(_label(label, start[0] + (0.6 if right else -5.0), start[1] - 0.9))
        if a.page == b.page:
            x = lane_x(a.page, lane_column, right)
            end = b.side(right)
            prims.append(_polyline([start, (x, start[1]), (x, end[1]), end]))
            continue
        letter = next(letter_source)
        layout.connector_letters.append(letter)
        x = lane_x(a.page, lane_column, right)
        if b.page > a.page:  # forward over the break: bottom of this page, top of the target's
            out_row = page_a.rows[-1]
            xc = slots_out[a.page].take(x)
            prims.append(_polyline([start, (x, start[1]), (x, out_row.top + 1.0), (xc, out_row.top + 1.0)]))
            prims.append(_connector(letter, xc, out_row.top + 1.2))
            _arrive(page_b, slots_in[b.page], letter, b)
        else:  # loop back over the break, drawn upward: top of this page, bottom of the target's
            in_row = page_a.rows[0]
            xc = slots_in[a.page].take(x)
            prims.append(_polyline([start, (x, start[1]), (x, in_row.top + 7.2), (xc, in_row.top + 7.2)]))
            prims.append(_connector(letter, xc, in_row.top + 1.2))
            out_row = page_b.rows[-1]
            xb_lane = lane_x(b.page, b.column, right)
            xb = slots_out[b.page].take(xb_lane)
            end = b.side(right)
            page_b.primitives.append(_connector(letter, xb, out_row.top + 1.2))
            page_b.primitives.append(
                _polyline([(xb, out_row.top + 1.2), (xb_lane, out_row.top + 1.2), (xb_lane, end[1]), end])
            )

    for page in layout.pages:
        _slice(page, columns.diagram, columns.pelaksana, columns.count)


def _arrive(page: Page, slots: _Slots, letter: str, target: Placed) -> None:
    """The twin connector at the top of the target's page, and the arrow from it down to the target."""
    row = page.rows[0]
    x = slots.take(target.cx)
    bend = row.bottom - 0.6
    page.primitives.append(_connector(letter, x, row.top + 1.2))
    page.primitives.append(_polyline([(x, row.top + 1.2 + CONNECTOR_H), (x, bend), (target.cx, bend), target.top]))


def _slice(page: Page, width: float, column_width: float, count: int) -> None:
    """Give each row the SVG of its slice of the page canvas."""
    for row in page.rows:
        parts = [
            f'<line x1="{_f(column_width * k)}" y1="{_f(row.top)}" x2="{_f(column_width * k)}" y2="{_f(row.bottom)}" '
            f'stroke="{INK}" stroke-width="0.25"/>'
            for k in range(1, count)
        ]
        parts += [p.svg for p in page.primitives if p.bottom >= row.top - 0.01 and p.top <= row.bottom + 0.01]
        row.svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" width="{_f(width)}mm" '
            f'height="{_f(row.height)}mm" '
            f'viewBox="0 {_f(row.top)} {_f(width)} {_f(row.height)}" preserveAspectRatio="none">{"".join(parts)}</svg>'
        )
