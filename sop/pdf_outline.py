"""Bookmarks (the PDF outline) appended to a finished PDF without reading its pages.

pdfunite (poppler 22) drops the outlines of the files it joins, and pypdf's writer — also in its incremental mode —
loads and copies every object of the file first: 0.3 MB per SOP of a Buku SOP, the memory the join was moved to
pdfunite to save. What a bookmark needs is only the reference of its page, which the page tree gives without
reading a page; so this appends, as a PDF incremental update (ISO 32000-1, 7.5.6), the outline items, a new
version of the catalog that points at them, and their cross-reference section. pypdf reads the trailer and the
page tree and writes each object; the pages, their content and the bytes before the update are never read.
"""

import re
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

TAIL = 2048  # the last bytes of the file hold the offset of its cross-reference section


def page_refs(node: IndirectObject) -> list[IndirectObject]:
    """The pages of a page-tree node in order, as references: a node whose kids are as many as its pages has only
    pages as kids (every subtree holds at least one), so they are not read; any other node's kids are."""
    tree = node.get_object()
    kids = list(tree["/Kids"])
    if len(kids) == tree["/Count"]:
        return kids
    pages = []
    for kid in kids:
        pages.extend(page_refs(kid) if kid.get_object().get("/Type") == "/Pages" else [kid])
    return pages


def append_bookmarks(path: Path, marks: Sequence[tuple[str, int]], *, open_pane: bool = True) -> None:
    """Append one top-level bookmark per (title, page index from 0) to the PDF at `path`, in the order given."""
    if not marks:
        return
    with open(path, "r+b") as handle:
        reader = PdfReader(handle)
        end = handle.seek(0, 2)
        handle.seek(max(0, end - TAIL))
        previous_xref = int(re.findall(rb"startxref\s+(\d+)", handle.read())[-1])
        used = [number for table in reader.xref.values() for number in table] + list(reader.xref_objStm)
        first = max([*used, int(reader.trailer["/Size"]) - 1]) + 1
        root = reader.trailer.raw_get("/Root")
        pages = page_refs(reader.trailer["/Root"].raw_get("/Pages"))

        def ref(number: int) -> IndirectObject:
            return IndirectObject(number, 0, reader)

        outline, items = first, list(range(first + 1, first + 1 + len(marks)))
        objects: dict[int, PdfObject] = {
            outline: DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Outlines"),
                    NameObject("/First"): ref(items[0]),
                    NameObject("/Last"): ref(items[-1]),
                    NameObject("/Count"): NumberObject(len(items)),
                }
            )
        }
        for index, (number, (title, page)) in enumerate(zip(items, marks, strict=True)):
            item = DictionaryObject(
                {
                    NameObject("/Title"): TextStringObject(title),
                    NameObject("/Parent"): ref(outline),
                    NameObject("/Dest"): ArrayObject([pages[page], NameObject("/Fit")]),
                }
            )
            if index:
                item[NameObject("/Prev")] = ref(items[index - 1])
            if index + 1 < len(items):
                item[NameObject("/Next")] = ref(items[index + 1])
            objects[number] = item
        catalog = DictionaryObject(reader.trailer["/Root"])
        catalog[NameObject("/Outlines")] = ref(outline)
        if open_pane:
            catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
        objects[root.idnum] = catalog

        trailer = DictionaryObject(
            {
                NameObject("/Size"): NumberObject(items[-1] + 1),
                NameObject("/Root"): root,
                NameObject("/Prev"): NumberObject(previous_xref),
            }
        )
        for key in ("/Info", "/ID"):
            if key in reader.trailer:
                trailer[NameObject(key)] = reader.trailer.raw_get(key)
        _write_update(handle, end, objects, trailer)


def _write_update(handle, end: int, objects: dict[int, PdfObject], trailer: DictionaryObject) -> None:
    """The objects, a cross-reference section listing them (in runs of consecutive numbers) and the trailer."""
    handle.seek(end)
    handle.write(b"\n")
    offsets = {}
    for number, value in sorted(objects.items()):
        offsets[number] = handle.tell()
        handle.write(f"{number} 0 obj\n".encode())
        value.write_to_stream(handle)
        handle.write(b"\nendobj\n")
    xref = handle.tell()
    handle.write(b"xref\n0 1\n0000000000 65535 f \n")
    runs: list[list[int]] = []
    for number in sorted(offsets):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        handle.write(f"{run[0]} {len(run)}\n".encode())
        handle.writelines(f"{offsets[number]:010d} 00000 n \n".encode() for number in run)
    handle.write(b"trailer\n")
    trailer.write_to_stream(handle)
    handle.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
