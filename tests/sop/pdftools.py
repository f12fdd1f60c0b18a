"""Read PDFs back with poppler-utils, as a person checking a printout would."""

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree


def _poppler(command: str, *args: str, data: bytes, stdout: bool = False) -> str:
    """Run a poppler tool on the PDF bytes (written to a temporary file) and return what it printed."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        target = [handle.name, "-"] if stdout else [handle.name]
        return subprocess.run([command, *args, *target], capture_output=True, check=True).stdout.decode()


def pdf_text(data: bytes, *, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _poppler("pdftotext", "-enc", "UTF-8", *pages, data=data, stdout=True)


def normalise(text: str) -> str:
    """One space between words; a word broken after a hyphen at a line end is joined again."""
    text = re.sub(r"-\n(?=\S)", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def bookmarks(data: bytes) -> list[tuple[str, int]]:
    """The PDF's outline as poppler reads it: (title, page number from 1), in order (top level only)."""
    xml = _poppler("pdftohtml", "-xml", "-i", "-l", "1", "-stdout", data=data)
    outline = ElementTree.fromstring(xml).find("outline")
    return [] if outline is None else [(item.text or "", int(item.get("page"))) for item in outline.findall("item")]


def font_files(data: bytes) -> list[tuple[str, bytes]]:
    """Each font a page uses, with its tag, and the TrueType file embedded for it (read with pypdf: poppler lists
    fonts but does not hand their files out); a font used on several pages once per page."""
    import io

    from pypdf import PdfReader

    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            holder = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            found.append((str(font["/BaseFont"]).lstrip("/"), holder["/FontDescriptor"]["/FontFile2"].get_data()))
    return found


def page_count(data: bytes) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _poppler("pdfinfo", data=data), re.M).group(1))


def page_size_pt(data: bytes) -> tuple[float, float]:
    width, height = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", _poppler("pdfinfo", data=data), re.M).groups()
    return float(width), float(height)


def fonts(data: bytes) -> list[tuple[str, bool]]:
    rows = _poppler("pdffonts", data=data).splitlines()[2:]
    return [(row.split()[0], " yes " in f" {' '.join(row.split()[-5:-3])} ") for row in rows if row.strip()]


@dataclass
class Word:
    page: int
    text: str
    x: float
    y: float
    page_height: float


def words(data: bytes) -> list[Word]:
    """Every word with its page and position (points from the top-left)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle, tempfile.TemporaryDirectory() as folder:
        handle.write(data)
        handle.flush()
        out = Path(folder) / "bbox.html"
        subprocess.run(["pdftotext", "-bbox", handle.name, str(out)], check=True, capture_output=True)
        markup = out.read_text()
    markup = re.sub(r"<!DOCTYPE[^>]*>", "", markup)
    tree = ElementTree.fromstring(markup)
    found = []
    for number, page in enumerate(tree.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        height = float(page.get("height"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            found.append(Word(number, word.text or "", float(word.get("xMin")), float(word.get("yMin")), height))
    return found
