"""Bookmarks appended to a finished PDF (sop.pdf_outline): read back by poppler and by pypdf in strict mode, on a
flat page tree (pdfunite's) and a nested one, and the bytes before the update untouched."""

import io
import subprocess

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

from sop.pdf_outline import append_bookmarks, page_refs
from tests.sop.pdftools import bookmarks, page_count, pdf_text

TITLES = ["Sampul dan daftar isi", "208/050/01 Pengukuran Kinerja — «uji» ü", "Ĉapter 三"]


def pages_pdf(count: int) -> bytes:
    """A PDF of `count` pages, each saying its number (WeasyPrint, as the app prints)."""
    from weasyprint import HTML

    html = "".join(f'<p style="break-after: page">Halaman nomor {n}</p>' for n in range(1, count + 1))
    return HTML(string=html).write_pdf()


def nested(data: bytes) -> bytes:
    """The same pages under a page tree of two levels: the first two pages in a node of their own."""
    writer = PdfWriter(clone_from=io.BytesIO(data))
    root = writer.root_object["/Pages"].get_object()
    kids = list(root["/Kids"])
    node = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Pages"),
            NameObject("/Kids"): ArrayObject(kids[:2]),
            NameObject("/Count"): NumberObject(2),
            NameObject("/Parent"): writer.root_object.raw_get("/Pages"),
        }
    )
    node_ref = writer._add_object(node)
    for kid in kids[:2]:
        kid.get_object()[NameObject("/Parent")] = node_ref
    root[NameObject("/Kids")] = ArrayObject([node_ref, *kids[2:]])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("shape", ["flat", "nested"])
def test_bookmarks_point_at_their_pages_and_keep_the_file_before_them(tmp_path, shape):
    data = pages_pdf(5)
    data = nested(data) if shape == "nested" else data
    path = tmp_path / "buku.pdf"
    path.write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    if shape == "nested":
        assert len(reader.trailer["/Root"]["/Pages"]["/Kids"]) == 4  # one node and three pages
    assert [ref.idnum for ref in page_refs(reader.trailer["/Root"].raw_get("/Pages"))] == [
        page.indirect_reference.idnum for page in reader.pages
    ]

    append_bookmarks(path, list(zip(TITLES, [0, 2, 4], strict=True)))

    updated = path.read_bytes()
    assert updated.startswith(data)  # an incremental update: nothing before it rewritten
    assert bookmarks(updated) == list(zip(TITLES, [1, 3, 5], strict=True))
    strict = PdfReader(io.BytesIO(updated), strict=True)
    assert [(item.title, strict.get_destination_page_number(item)) for item in strict.outline] == list(
        zip(TITLES, [0, 2, 4], strict=True)
    )
    assert strict.page_mode == "/UseOutlines"
    assert page_count(updated) == 5 and "Halaman nomor 3" in pdf_text(updated, page=3)


def test_bookmarks_appended_twice_the_second_outline_is_the_one_read(tmp_path):
    path = tmp_path / "buku.pdf"
    path.write_bytes(pages_pdf(3))
    append_bookmarks(path, [("Lama", 0)])
    append_bookmarks(path, [("Baru", 1), ("Akhir", 2)])

    assert bookmarks(path.read_bytes()) == [("Baru", 2), ("Akhir", 3)]
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and "Syntax Error" not in done.stderr
