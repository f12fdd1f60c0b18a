"""Labels typed in a hurry: a letter swapped, dropped, doubled or mistyped still names the same label.

Only words long enough to be told apart take a typo ("Tanggal" does, "No" and "SOP" do not), so a short
word never turns into another label.
"""

import re

MIN_LENGTH = 5  # shorter words must be written exactly


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b; anything above `limit` is limit + 1."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            cost = 0 if char == other else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def allowed(target: str) -> int:
    """How many typos a label of this length may carry."""
    if len(target) < MIN_LENGTH:
        return 0
    return 1 if len(target) < 12 else 2


def is_typo_of(word: str, target: str) -> bool:
    """`word` is `target` as written, or with the typos its length allows."""
    if word == target:
        return True
    limit = allowed(target)
    return limit > 0 and distance(word, target, limit) <= limit


def squeeze(text: str) -> str:
    """Letters and digits only, upper case: "Tgl. Pembuatan :" → "TGLPEMBUATAN"."""
    return re.sub(r"[^0-9A-Z]+", "", text.upper())


def matches_any(text: str, spellings: tuple[str, ...]) -> bool:
    """The text, squeezed, is one of the spellings (each squeezed) with at most the allowed typos."""
    squeezed = squeeze(text)
    return bool(squeezed) and any(is_typo_of(squeezed, squeeze(spelling)) for spelling in spellings)


def has_word(label: str, targets: tuple[str, ...]) -> bool:
    """One of the label's words is one of the targets, allowing typos."""
    words = label.split()
    return any(is_typo_of(word, target) for word in words for target in targets)
