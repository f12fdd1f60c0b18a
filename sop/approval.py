"""Where a Kepala approves an SOP: the page an app that signs documents registers (workflow.signing).

sop knows no signing: without a registered page, "Sahkan" makes the approve move directly (as sop's own tests
do); with one, "Sahkan" opens that page, where the SOP is reviewed, approved and signed in one step.
"""

from collections.abc import Callable

_review_pages: list[Callable] = []


def register_review_page(url_of: Callable) -> None:
    """url_of(sop) -> the address of the page where the SOP is approved (and signed)."""
    if url_of not in _review_pages:
        _review_pages.append(url_of)


def review_url(sop) -> str | None:
    return _review_pages[0](sop) if _review_pages else None


_numbering = {"at_approval": False}


def register_numbering_at_approval() -> None:
    """An app that numbers SOPs left without a nomor when it approves them (signing does, from its register)."""
    _numbering["at_approval"] = True


def numbered_at_approval() -> bool:
    return _numbering["at_approval"]
