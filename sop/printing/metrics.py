"""Text measurement with the font the PDF embeds, so row heights are known before WeasyPrint lays them out.

The flowchart is drawn as SVG over the table rows; drawing and table agree only if each row's height is
computed from the same glyph widths the renderer uses.
"""

import functools
import re
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "dejavu"
REGULAR = FONT_DIR / "DejaVuSansCondensed.ttf"
BOLD = FONT_DIR / "DejaVuSansCondensed-Bold.ttf"
PT_TO_MM = 25.4 / 72
# Pango may break a line differently from this greedy wrap; measuring a little wide keeps estimates on the safe side.
SAFETY = 1.04
_BREAK = re.compile(r"(\s+|(?<=[-/]))")


class FontMetrics:
    def __init__(self, path: Path):
        font = TTFont(str(path), lazy=True)
        self.units = font["head"].unitsPerEm
        # Above and below the baseline, in em (what a line of text takes: line-height "normal")
        self.ascent = font["hhea"].ascent / self.units
        self.descent = -font["hhea"].descent / self.units
        hmtx = font["hmtx"].metrics
        cmap = font.getBestCmap()
        self.widths = {code: hmtx[name][0] for code, name in cmap.items()}
        self.fallback = hmtx[".notdef"][0] if ".notdef" in hmtx else self.units // 2
        font.close()

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - a handful of long-lived instances
    def width_mm(self, text: str, size_pt: float) -> float:
        return self.mm(self.measure(text), size_pt)

    def measure(self, text: str) -> int:
        return sum(self.widths.get(ord(ch), self.fallback) for ch in text)

    def mm(self, units: int, size_pt: float) -> float:
        return units / self.units * size_pt * PT_TO_MM * SAFETY

    def wrap(self, text: str, width_mm: float, size_pt: float, *, hyphen: str = "") -> list[str]:
        """Greedy word wrap as a browser does it, breaking words longer than a line (overflow-wrap: anywhere), with
        `hyphen` at the end of each broken piece.

        One pass over the text: each token is measured once and the line's width is carried along, so a long
        unbroken string costs time in proportion to its length (re-measuring the growing line made it quadratic).
        """
        lines: list[str] = []
        for paragraph in (text or "").split("\n"):
            line, line_units = "", 0  # line_units includes the line's trailing space
            for token in _tokens(paragraph):
                word = token.rstrip()
                word_units = self.measure(word)
                if self.mm(line_units + word_units, size_pt) <= width_mm:
                    line += token
                    line_units += word_units + self.measure(token[len(word) :])
                    continue
                if line.strip():
                    lines.append(line.rstrip())
                pieces, line = self._break(token.lstrip(), width_mm, size_pt, hyphen)
                lines.extend(pieces)
                line_units = self.measure(line)
            lines.append(line.rstrip())
        return lines or [""]

    def _break(self, word: str, width_mm: float, size_pt: float, hyphen: str = "") -> tuple[list[str], str]:
        """Cut a word wider than a line into line-wide pieces, each with `hyphen` (measured in); returns the full
        pieces and the rest that fits."""
        widths = [self.widths.get(ord(ch), self.fallback) for ch in word]
        extra = self.measure(hyphen)
        rest = sum(widths)
        pieces: list[str] = []
        start = 0
        while self.mm(rest, size_pt) > width_mm and len(word) - start > 1:
            cut, taken = start + 1, widths[start]
            while cut < len(word) and self.mm(taken + widths[cut] + extra, size_pt) <= width_mm:
                taken += widths[cut]
                cut += 1
            pieces.append(word[start:cut] + hyphen)
            rest -= taken
            start = cut
        return pieces, word[start:]

    def line_count(self, text: str, width_mm: float, size_pt: float) -> int:
        return len(self.wrap(text, width_mm, size_pt))


def _tokens(paragraph: str) -> list[str]:
    """Words with the space that follows them, so a line can break after any space or hyphen."""
    parts = [p for p in _BREAK.split(paragraph) if p]
    tokens: list[str] = []
    for part in parts:
        if part.isspace() and tokens:
            tokens[-1] += part
        else:
            tokens.append(part)
    return tokens


@functools.cache
def regular() -> FontMetrics:
    return FontMetrics(REGULAR)


@functools.cache
def bold() -> FontMetrics:
    return FontMetrics(BOLD)
