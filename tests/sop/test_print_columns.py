"""Wide SOPs: up to MAX_PELAKSANA every pelaksana column prints readably on A4 and F4; more are refused at save."""

import re

import pytest
from django.core.exceptions import ValidationError

from sop.content import MAX_PELAKSANA, LangkahInput, PelaksanaInput, SopContent
from sop.models import Langkah, Pelaksana
from sop.printing import render_sop_html, render_sop_pdf
from sop.printing.geometry import FLOW_MARGIN, PAPERS
from sop.printing.layout import build_layout
from sop.selectors import sop_get
from sop.services import sop_create
from tests.sakip.factories import UserFactory
from tests.sop.factories import SopFactory
from tests.sop.pdftools import normalise, pdf_text

pytestmark = pytest.mark.django_db


def wide_sop(opd, columns: int):
    """One step in each pelaksana column, left to right, named so each is found in the PDF's text."""
    sop = SopFactory(opd=opd)
    cols = [Pelaksana.objects.create(sop=sop, urutan=n, nama=f"Seksi {n}") for n in range(1, columns + 1)]
    Langkah.objects.bulk_create(
        Langkah(sop=sop, urutan=n, pelaksana=col, uraian=f"Kegiatan seksi nomor {n}", waktu_nilai=10,
                simbol="terminator" if n in (1, columns) else "proses", output=f"Hasil {n}")
        for n, col in enumerate(cols, start=1)
    )  # fmt: skip
    return sop_get(user=UserFactory(is_superuser=True), pk=sop.pk)


def widths(columns) -> list[float]:
    fixed = [columns.no, columns.uraian, columns.kelengkapan, columns.waktu, columns.output, columns.keterangan]
    return fixed + [columns.pelaksana] * columns.count


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_the_maximum_number_of_pelaksana_prints_every_column_readably(opd, paper):
    sop = wide_sop(opd, MAX_PELAKSANA)
    columns = build_layout(sop, paper).columns
    usable = PAPERS[paper][1] - FLOW_MARGIN["left"] - FLOW_MARGIN["right"]

    text = normalise(pdf_text(render_sop_pdf(sop, paper)))

    assert sum(widths(columns)) == pytest.approx(usable)
    assert columns.uraian >= 40 and columns.pelaksana >= 8.5 and columns.font_pt >= 6
    for n in range(1, MAX_PELAKSANA + 1):
        assert f"Seksi {n} " in text or text.endswith(f"Seksi {n}")
        assert f"Kegiatan seksi nomor {n} " in text


def test_an_sop_saved_with_more_columns_before_the_limit_still_prints_them_all_within_the_page(opd):
    sop = wide_sop(opd, 40)
    layout = build_layout(sop, "A4")
    columns = layout.columns

    html = render_sop_html(sop, "A4", preview=True)
    pdf = render_sop_pdf(sop, "A4")

    assert min(widths(columns)) > 0 and sum(widths(columns)) == pytest.approx(297 - 20)
    assert html.count('<th class="p-head">') == 40 * len(layout.pages)  # every column, on every page
    flow_pages = pdf_text(pdf).split("\f")[1 : 1 + len(layout.pages)]
    assert all("Kegiatan seksi nomor" in page and "Pelaksana" in page for page in flow_pages)
    assert all(re.search(r"\bSe\w?-", page) for page in flow_pages)  # "Seksi" too wide: broken with a hyphen


def test_more_pelaksana_than_print_are_refused_at_save_with_the_reason(opd, penyusun):
    names = [PelaksanaInput(kunci=f"k{n}", nama=f"Seksi {n}") for n in range(MAX_PELAKSANA + 1)]
    steps = [LangkahInput(uraian=f"Langkah {n}", pelaksana_kunci=f"k{n}") for n in range(MAX_PELAKSANA + 1)]

    with pytest.raises(ValidationError) as refused:
        sop_create(opd=opd, content=SopContent(identity={"judul": "Lebar"}, pelaksana=names, langkah=steps),
                   created_by=penyusun)  # fmt: skip

    assert any(
        "Paling banyak 20 kolom pelaksana: dengan lebih banyak kolom, diagram alir tidak lagi terbaca" in message
        for message in refused.value.messages
    )
