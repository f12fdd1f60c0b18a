"""SVG of the five symbols of Permenpan RB 35/2012, the arrows between them and their labels.

Each function returns a Primitive: the SVG fragment and the vertical span it covers on its page canvas (mm).
"""

from sop.models import Langkah
from sop.printing.geometry import Primitive

STROKE = 0.3
ARROW = 1.6  # length of an arrowhead
ARROW_ASPECT = 2.4  # an arrowhead is this many times longer than half its base
CONNECTOR_W, CONNECTOR_H = 5.0, 5.6
CONNECTOR_BODY = 0.62  # share of the connector's height above its point
LABEL_PT = 2.4
INK = "#111"
FILL = "#fff"
FONT = "DejaVu Sans Condensed"


def number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{number(x)},{number(y)}" for x, y in points)


def polyline(points: list[tuple[float, float]], arrow: bool = True) -> Primitive:
    svg = f'<polyline points="{_points(points)}" fill="none" stroke="{INK}" stroke-width="{STROKE}"/>'
    if arrow and len(points) >= 2:
        svg += _arrowhead(points[-2], points[-1])
    ys = [y for _x, y in points]
    return Primitive(svg, min(ys) - ARROW, max(ys) + ARROW)


def _arrowhead(start: tuple[float, float], end: tuple[float, float]) -> str:
    (x0, y0), (x1, y1) = start, end
    dx, dy = (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0)
    a, b = ARROW, ARROW / ARROW_ASPECT
    if dy:  # vertical
        pts = [(x1, y1), (x1 - b, y1 - dy * a), (x1 + b, y1 - dy * a)]
    else:
        pts = [(x1, y1), (x1 - dx * a, y1 - b), (x1 - dx * a, y1 + b)]
    return f'<polygon points="{_points(pts)}" fill="{INK}"/>'


def label(text: str, x: float, y: float) -> Primitive:
    svg = (
        f'<text x="{number(x)}" y="{number(y)}" font-size="{LABEL_PT}" font-family="{FONT}" fill="{INK}">{text}</text>'
    )
    return Primitive(svg, y - LABEL_PT - 0.1, y + 0.5)


def symbol(kind: str, cx: float, cy: float, w: float, h: float) -> Primitive:
    """A keputusan diamond, a terminator capsule or a proses rectangle centred on (cx, cy)."""
    x, y = cx - w / 2, cy - h / 2
    style = f'fill="{FILL}" stroke="{INK}" stroke-width="{STROKE}"'
    if kind == Langkah.Simbol.KEPUTUSAN:
        svg = f'<polygon points="{_points([(cx, y), (x + w, cy), (cx, y + h), (x, cy)])}" {style}/>'
    else:
        corner = f' rx="{number(h / 2)}"' if kind == Langkah.Simbol.TERMINATOR else ""
        svg = f'<rect x="{number(x)}" y="{number(y)}" width="{number(w)}" height="{number(h)}"{corner} {style}/>'
    return Primitive(svg, y, y + h)


def connector(letter: str, x: float, y: float) -> Primitive:
    """Off-page connector: a pentagon pointing down, with its letter."""
    w, h = CONNECTOR_W, CONNECTOR_H
    body = h * CONNECTOR_BODY
    pts = [(x - w / 2, y), (x + w / 2, y), (x + w / 2, y + body), (x, y + h), (x - w / 2, y + body)]
    svg = (
        f'<polygon points="{_points(pts)}" fill="{FILL}" stroke="{INK}" stroke-width="{STROKE}"/>'
        f'<text x="{number(x)}" y="{number(y + body * 0.78)}" font-size="2.8" text-anchor="middle" '
        f'font-family="{FONT}" font-weight="bold" fill="{INK}">{letter}</text>'
    )
    return Primitive(svg, y, y + h)
