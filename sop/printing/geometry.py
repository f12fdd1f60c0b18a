"""The geometry the flowchart layout and its drawing share: paper sizes, margins, columns, rows and pages.

Everything is in millimetres. layout.py fills these in (columns, rows, pages); diagram.py draws over them.
"""

from dataclasses import dataclass, field

from sop.models import Langkah, Pelaksana
from sop.printing.metrics import bold

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

    def text_height(self, lines: int) -> float:
        """A cell holding this many lines of text, with its padding."""
        return lines * self.line_mm + 2 * PAD_Y


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
        return names_need_hyphens(self.pelaksana, self.columns, self.header_pt)

    @property
    def header_pad(self) -> float:
        return header_pad(self.columns)

    @property
    def usable_width(self) -> float:
        return self.width - FLOW_MARGIN["left"] - FLOW_MARGIN["right"]


def longest_word(pelaksana: list[Pelaksana]) -> str:
    return max((word for p in pelaksana for word in p.nama.split()), key=len, default="")


def names_need_hyphens(pelaksana: list[Pelaksana], columns: Columns, size: float) -> bool:
    """Whether the longest word of the pelaksana names is wider than its header cell at `size` pt."""
    return bold().width_mm(longest_word(pelaksana), size) > columns.pelaksana - 2 * header_pad(columns)


def header_pad(columns: Columns) -> float:
    """Narrow pelaksana columns give their header text the padding."""
    return PAD_X if columns.pelaksana >= 16 else 0.4
