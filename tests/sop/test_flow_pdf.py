"""The flowchart pages drawn from the layout (sop/printing/flow_pdf.py): where everything lands on paper, what the
WeasyPrint pages around them keep, and what the drawing refuses."""

import io
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from fontTools.ttLib import TTFont as FontFile
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from sop.printing import render_sop_html, render_sop_pdf
from sop.printing.flow_pdf import MM, _svg_element
from sop.printing.geometry import FLOW_MARGIN, PAD_X
from sop.printing.layout import build_layout
from sop.printing.metrics import bold
from sop.printing.render import replace_pages
from sop.selectors import sop_get
from tests.sakip.factories import UserFactory
from tests.sop.pdftools import bookmarks, font_files, fonts, page_count, pdf_text, words
from tests.sop.printing_data import looping_sop

pytestmark = pytest.mark.django_db


@pytest.fixture
def printed(opd):
    sop = sop_get(user=UserFactory(is_superuser=True), pk=looping_sop(opd=opd, steps=24, columns=4).pk)
    return sop, build_layout(sop), render_sop_pdf(sop)


def _column_lefts(layout) -> dict[str, float]:
    columns, x, lefts = layout.columns, FLOW_MARGIN["left"], {}
    names = ["no", "uraian", *(f"p{k}" for k in range(columns.count)), "kelengkapan", "waktu", "output", "keterangan"]
    for name in names:
        lefts[name] = x
        x += columns.pelaksana if name.startswith("p") else getattr(columns, name)
    lefts["end"] = x
    return lefts


def test_each_steps_text_starts_where_the_layout_put_its_cell(printed):
    _sop, layout, pdf = printed
    lefts = _column_lefts(layout)
    found = words(pdf)

    for number, page in enumerate(layout.pages, start=2):  # page 1 is the identity page
        body_top = FLOW_MARGIN["top"] + layout.header_height
        for row in (row for row in page.rows if row.kind == "step"):
            step = row.step
            first_word = step.uraian.split()[0]
            output_word = step.output.split()[0]
            on_page = [w for w in found if w.page == number]
            row_top_pt, row_bottom_pt = (body_top + row.top) * MM, (body_top + row.bottom) * MM
            in_row = [w for w in on_page if row_top_pt <= w.y <= row_bottom_pt]
            uraian = [w for w in in_row if w.text == first_word and abs(w.x - (lefts["uraian"] + PAD_X) * MM) < 1]
            output = [w for w in in_row if w.text == output_word and abs(w.x - (lefts["output"] + PAD_X) * MM) < 1]
            nomor = [w for w in in_row if w.text == f"{step.urutan}."]
            assert uraian and output, (step.urutan, [(w.text, round(w.x), round(w.y)) for w in in_row])
            assert nomor and lefts["no"] * MM < nomor[0].x < lefts["uraian"] * MM


def _dark_columns(png: Image.Image, y: int) -> list[float]:
    """The middles of the runs of dark pixels along the pixel row y: the vertical lines it crosses."""
    dark = [x for x in range(png.width) if png.getpixel((x, y)) < 128]
    runs: list[list[int]] = []
    for x in dark:
        if runs and x == runs[-1][-1] + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    return [(run[0] + run[-1]) / 2 for run in runs]


def test_the_grid_lines_are_the_layouts_column_edges(printed, tmp_path):
    _sop, layout, pdf = printed
    source = tmp_path / "sop.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-f", "2", "-l", "2", "-gray", "-png", str(source), str(tmp_path / "p")],
                   check=True)  # fmt: skip
    png = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    px_per_mm = 100 / 25.4
    # Half a millimetre into the connector row at the foot of the page: only borders and column lines there.
    foot = layout.pages[0].rows[-1]
    assert foot.kind == "keluar"
    y = round((FLOW_MARGIN["top"] + layout.header_height + foot.bottom - 0.5) * px_per_mm)
    lines_mm = [x / px_per_mm for x in _dark_columns(png, y)]

    edges = list(_column_lefts(layout).values())
    assert len(lines_mm) == len(edges), (lines_mm, edges)
    assert all(abs(line - edge) < 0.6 for line, edge in zip(lines_mm, edges, strict=True))


def test_the_pages_around_keep_their_numbers_outline_and_embedded_fonts(printed):
    sop, layout, pdf = printed
    total = page_count(pdf)
    lk_page = 2 + len(layout.pages)

    assert all(f"Halaman {page} dari {total}" in pdf_text(pdf, page=page) for page in range(1, total + 1))
    assert [title for title, page in bookmarks(pdf) if page == lk_page] == ["LEMBAR KERJA IDENTIFIKASI KEGIATAN"]
    assert all(embedded for _name, embedded in fonts(pdf))
    assert all(sop.judul.upper() in pdf_text(pdf, page=page) for page in range(2, lk_page))


def test_a_name_wider_than_its_column_is_broken_with_a_hyphen_that_fits():
    metrics = bold()

    lines = metrics.wrap("Sekretariat Kecamatan", 6.0, 5.0, hyphen="-")

    assert len(lines) > 2
    assert all(metrics.width_mm(line, 5.0) <= 6.0 for line in lines)
    words = "".join(line[:-1] if line.endswith("-") else line + " " for line in lines).split()
    assert words == ["Sekretariat", "Kecamatan"]  # a hyphen ends every piece but each word's last
    assert sum(not line.endswith("-") for line in lines) == 2


def test_a_drawing_element_the_renderer_does_not_know_is_refused_not_skipped(tmp_path):
    canvas = Canvas(str(tmp_path / "x.pdf"))

    _svg_element(canvas, ET.fromstring('<rect x="1" y="1" width="2" height="2" fill="#fff" stroke="#111"/>'))
    with pytest.raises(ValueError, match="<circle>"):
        _svg_element(canvas, ET.fromstring('<circle cx="1" cy="1" r="2"/>'))


def test_pages_are_replaced_only_one_for_one(printed):
    _sop, _layout, pdf = printed

    with pytest.raises(ValueError, match="2 drawn pages for 1 places"):
        replace_pages(pdf, [1], _two_pages())


def _two_pages() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.showPage()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_the_pdfs_html_leaves_the_flowchart_table_and_its_rules_to_the_preview(printed):
    sop, layout, _pdf = printed
    for_pdf, preview = render_sop_html(sop, "A4"), render_sop_html(sop, "A4", preview=True)

    assert for_pdf.count('class="flow-page flow-drawn"') == len(layout.pages)
    assert "table.flow" not in for_pdf and '<table class="flow' not in for_pdf
    assert "table.flow.flow-sized col.c-uraian" in preview and preview.count('<table class="flow') == len(layout.pages)


def _drawn_fonts(pdf: bytes) -> dict[str, FontFile]:
    """The fonts the drawn pages embed (ReportLab's DejaVuSansCondensed; WeasyPrint's are DejaVu-Sans-…), by name."""
    return {
        name: FontFile(io.BytesIO(data))
        for name, data in font_files(pdf)
        if name.partition("+")[2].startswith("DejaVuSansCondensed")
    }


def test_the_drawn_pages_font_subsets_are_tagged_after_their_glyphs(opd):
    admin = UserFactory(is_superuser=True)
    plain, other = looping_sop(opd=opd, steps=6, columns=2), looping_sop(opd=opd, steps=6, columns=2)
    other.langkah.filter(urutan=2).update(uraian="Capaian ≥ 80 % — dilaporkan ke Kepala")

    def regular_name(sop) -> str:
        [name] = [n for n in _drawn_fonts(render_sop_pdf(sop_get(user=admin, pk=sop.pk))) if "Bold" not in n]
        return name

    first, again, different = regular_name(plain), regular_name(plain), regular_name(other)

    assert first == again  # the same glyphs, the same tag
    assert first != different  # another subset (≥ and — are in it), another tag, as in a Buku SOP of both
    assert all(re.fullmatch(r"[A-Z]{6}\+DejaVuSansCondensed", name) for name in (first, different))
    assert not first.startswith("AAAAAA+")


def test_the_drawn_pages_fonts_carry_only_the_names_a_reader_shows(printed):
    _sop, _layout, pdf = printed
    embedded = _drawn_fonts(pdf)

    assert len(embedded) == 2  # regular and bold
    for font in embedded.values():
        assert {record.nameID for record in font["name"].names} <= set(range(7))  # no licence text (IDs 13, 14)
        assert font["name"].getDebugName(1) == "DejaVu Sans Condensed"
