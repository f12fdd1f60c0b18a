"""What stands in a pelaksana cell: a tick, a cross, a symbol character, "Ya"/"Tidak", the flowchart's own words,
or a shape drawn in Word — and what it says about the step's symbol.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sop.importing import values
from sop.models import Langkah

Simbol = Langkah.Simbol

# Symbol characters offices type for the flowchart's shapes; any other character is a plain mark.
_SHAPE_CHARACTERS = {
    **dict.fromkeys("⬭⬬⊂⊃", Simbol.TERMINATOR),
    **dict.fromkeys("□■▭▬▯▮◻◼", Simbol.PROSES),
    **dict.fromkeys("◇◆◊♦⬦⬥⟡", Simbol.KEPUTUSAN),
}
_TERMINATOR_WORDS = {"MULAI", "SELESAI", "START", "FINISH", "END", "STOP"}
_YES, _NO = {"YA", "Y", "YES"}, {"TIDAK", "TDK", "T", "NO"}
_DRAWN = {
    Simbol.TERMINATOR: _("bentuk terminator"),
    Simbol.PROSES: _("bentuk proses"),
    Simbol.KEPUTUSAN: _("bentuk keputusan (belah ketupat)"),
}


@dataclass
class Mark:
    text: str  # as written ("" for a drawn shape)
    simbol: str = ""  # the symbol the mark shows, "" when it shows none
    why: str = ""  # how the symbol was read, for the warning

    @property
    def decision(self) -> bool:
        return self.simbol == Simbol.KEPUTUSAN


def read_mark(cell: str) -> Mark | None:
    """The mark in a pelaksana cell, None for an empty cell (or a dash)."""
    mark = values.mark_of(cell)
    if not mark:
        return None
    kind = values.symbol_kind(mark.split("\n", 1)[0])
    if kind:
        return Mark("", kind, str(_DRAWN.get(kind, kind)))
    words = set(re.findall(r"[A-Z]+", mark.upper()))
    if words & _YES and words & _NO:
        return Mark(mark, Simbol.KEPUTUSAN, str(_("kata “%(teks)s”")) % {"teks": " ".join(mark.split())[:30]})
    if words and words <= _TERMINATOR_WORDS:
        return Mark(mark, Simbol.TERMINATOR)
    shapes = {_SHAPE_CHARACTERS[char] for char in mark if char in _SHAPE_CHARACTERS}
    if len(shapes) == 1:
        simbol = shapes.pop()
        return Mark(mark, simbol, str(_("simbol “%(teks)s”")) % {"teks": mark[:10]})
    return Mark(mark)


_TARGET = r"\W{0,3}(?:(?:kembali|lanjut(?:kan)?|menuju)\s+)?(?:ke\s*)?(?:langkah|no\.?|nomor)?\s*(\d{1,3})\b"
_YES_TARGET = re.compile(r"\bya\b" + _TARGET, re.I)
_NO_TARGET = re.compile(r"\btidak\b" + _TARGET, re.I)


def targets_in(text: str) -> tuple[int | None, int | None]:
    """Exits a document writes beside a decision ("Ya: ke langkah 8, Tidak: ke 5"), None where it writes none."""
    yes, no = _YES_TARGET.search(text or ""), _NO_TARGET.search(text or "")
    return (int(yes[1]) if yes else None), (int(no[1]) if no else None)
