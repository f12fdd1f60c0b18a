"""Labels typed in a hurry: a letter swapped, dropped, doubled or mistyped still names the same label.

One slip per label is forgiven; two letters away is another word ("Nama SKPD" is not "Nama SOP"). Only words
long enough to be told apart take a slip ("Tanggal" does, "No" and "SOP" do not), so a short word never turns
into another label.
"""

import functools
import re

MIN_LENGTH = 5  # shorter words must be written exactly


def one_slip(a: str, b: str) -> bool:
    """a and b differ by at most one edit: a letter replaced, inserted, dropped, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = a[first + 1 : first + 2] == b[first : first + 1] and a[first : first + 1] == b[first + 1 : first + 2]
        return a[first + 1 :] == b[first + 1 :] or (swapped and a[first + 2 :] == b[first + 2 :])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[first + 1 :] == shorter[first:]


def is_typo_of(word: str, target: str) -> bool:
    """`word` is `target` as written, or with one slip when the target is long enough to take one."""
    return word == target or (len(target) >= MIN_LENGTH and one_slip(word, target))


def squeeze(text: str) -> str:
    """Letters and digits only, upper case: "Tgl. Pembuatan :" → "TGLPEMBUATAN"."""
    return re.sub(r"[^0-9A-Z]+", "", text.upper())


Spellings = dict[int, list[tuple[int, str, str]]]  # squeezed length → (order, what it names, squeezed spelling)


def spellings(named: dict[str, tuple[str, ...]]) -> Spellings:
    """Spellings prepared once for `first_match`, by length: a slip changes the length by one at most."""
    prepared: Spellings = {}
    order = 0
    for name, group in named.items():
        for spelling in group:
            target = squeeze(spelling)
            prepared.setdefault(len(target), []).append((order, name, target))
            order += 1
    return prepared


def first_match(text: str, prepared: Spellings) -> str | None:
    """What the first spelling the text is (with at most one slip) names; None for none."""
    squeezed = squeeze(text)
    if not squeezed:
        return None
    size = len(squeezed)
    found = [
        (order, name)
        for length in (size - 1, size, size + 1)
        for order, name, target in prepared.get(length, ())
        if is_typo_of(squeezed, target)
    ]
    return min(found)[1] if found else None


@functools.cache
def _prepared(group: tuple[str, ...]) -> Spellings:
    return spellings({"": group})


def matches_any(text: str, group: tuple[str, ...]) -> bool:
    """The text, squeezed, is one of the spellings (each squeezed) with at most one slip."""
    return first_match(text, _prepared(group)) is not None


def has_word(label: str, targets: tuple[str, ...]) -> bool:
    """One of the label's words is one of the targets, allowing a slip."""
    words = label.split()
    return any(is_typo_of(word, target) for word in words for target in targets)
