"""Font subsets tagged after their glyphs, so that no two different subsets in one PDF share a name.

A PDF embeds a subset of each font it uses, named with a six-letter tag: ABCDEF+DejaVu-Sans. The standard asks
different subsets in one file to have different tags (ISO 32000-1, 9.6.4), because a reader or a printer may take
one for another by name. Neither producer here sees beyond its own file: WeasyPrint tags a subset after the font's
description, the same for every SOP, and ReportLab after the subset's number, AAAAAA+ for every SOP's flowchart
pages. One SOP's PDF is fine either way; a Buku SOP joins hundreds of them, each with other glyphs under the same
names. Tagged after a hash of the embedded font file, the same glyphs keep one name and other glyphs get another,
whichever file they end up in.
"""

import hashlib
import io
import string

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

TAG_LENGTH = 6


def tag_font_subsets(pages) -> None:
    """Retag, in place, the embedded TrueType subsets of these pypdf pages (simple fonts and Type0 fonts alike).
    A font that is not a subset, or has no TrueType file embedded, is left as it is."""
    seen = set()
    for page in pages:
        for reference in page.get("/Resources", {}).get("/Font", {}).values():
            font = reference.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                _retag(font)


def retagged(pdf: bytes) -> bytes:
    """A whole PDF with its font subsets retagged (for one WeasyPrint wrote without any other pass over it)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    tag_font_subsets(writer.pages)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _retag(font) -> None:
    holders = [font, *(child.get_object() for child in font.get("/DescendantFonts", ()))]
    descriptor = next((h["/FontDescriptor"] for h in holders if "/FontDescriptor" in h), None)
    tag, plus, name = str(font.get("/BaseFont", "")).lstrip("/").partition("+")
    if descriptor is None or "/FontFile2" not in descriptor or not plus or len(tag) != TAG_LENGTH:
        return
    digest = hashlib.sha256(descriptor["/FontFile2"].get_data() + name.encode()).digest()
    tagged = NameObject("/" + "".join(string.ascii_uppercase[b % 26] for b in digest[:TAG_LENGTH]) + "+" + name)
    for holder in holders:
        holder[NameObject("/BaseFont")] = tagged
    descriptor[NameObject("/FontName")] = tagged
