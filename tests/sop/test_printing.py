"""The printed SOP: every value on paper, the flowchart's pages and connectors, caching, the pages that serve it."""

import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from sakip.dates import tanggal_indonesia
from sakip.nip import format_nip
from sop.models import Langkah, SopItem
from sop.printing import cached_sop_pdf, content_key, render_sop_pdf
from sop.printing.layout import build_layout
from sop.selectors import sop_get
from tests.sakip.factories import OpdFactory, UserFactory
from tests.sop.factories import SopFactory, build_sop
from tests.sop.pdftools import fonts, normalise, page_count, page_size_pt, pdf_text, words
from tests.sop.printing_data import looping_sop

SEEDS = [1, 2, 3, 4]


_RENDERED: dict[int, bytes] = {}


@pytest.fixture
def seed_pdfs(db):
    """The seed SOPs loaded; each printed once per test run (the PDF depends only on the content)."""
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", verbosity=0)
    admin = UserFactory(is_superuser=True)

    def printed(pk: int):
        sop = sop_get(user=admin, pk=pk)
        if pk not in _RENDERED:
            _RENDERED[pk] = render_sop_pdf(sop)
        return sop, _RENDERED[pk], build_layout(sop)

    return printed


@pytest.mark.django_db
@pytest.mark.parametrize("pk", SEEDS)
def test_seed_pdf_holds_every_field_list_item_and_step(seed_pdfs, pk):
    sop, pdf, _layout = seed_pdfs(pk)
    text = normalise(pdf_text(pdf))
    expected = [sop.nomor, sop.judul, sop.disahkan_nama, sop.jenis_kegiatan, sop.pj_produk, sop.pj_kegiatan]
    expected += [tanggal_indonesia(d) for d in (sop.tanggal_pembuatan, sop.tanggal_revisi, sop.tanggal_efektif) if d]
    expected += [format_nip(sop.disahkan_nip)] if sop.disahkan_nip else []
    expected += [item.teks for item in sop.items.all()]
    expected += [p.nama for p in sop.pelaksana.all()]
    for step in sop.langkah.all():
        expected += [step.uraian, step.kelengkapan, step.output, step.keterangan, step.waktu_tampil]

    missing = [value for value in expected if value and normalise(value) not in text]

    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("pk", SEEDS)
def test_every_page_says_halaman_x_dari_y_and_the_nomor(seed_pdfs, pk):
    sop, pdf, _layout = seed_pdfs(pk)
    total = page_count(pdf)

    for page in range(1, total + 1):
        text = normalise(pdf_text(pdf, page=page))
        assert f"Halaman {page} dari {total}" in text
        assert f"Nomor SOP: {sop.nomor}" in text


@pytest.mark.django_db
@pytest.mark.parametrize("pk", SEEDS)
def test_flowchart_pages_are_the_ones_the_layout_planned(seed_pdfs, pk):
    sop, pdf, layout = seed_pdfs(pk)
    flow_pages = [p for p in range(1, page_count(pdf) + 1) if "Uraian Kegiatan" in pdf_text(pdf, page=p)]

    assert len(flow_pages) == len(layout.pages)
    for planned, printed in zip(layout.pages, flow_pages, strict=True):
        numbers = [row.step.urutan for row in planned.rows if row.kind == "step"]
        text = normalise(pdf_text(pdf, page=printed))
        assert all(normalise(sop.langkah.get(urutan=n).uraian) in text for n in numbers)


@pytest.mark.django_db
def test_seed_000_flowchart_splits_with_a_connector_pair(seed_pdfs):
    _sop, pdf, layout = seed_pdfs(1)

    assert len(layout.pages) == 2
    assert layout.connector_letters == ["A"]
    assert [w.page for w in words(pdf) if w.text == "A"] == [2, 3]


def _connector_positions(pdf: bytes) -> dict[str, list[tuple[int, str]]]:
    """Each connector letter with its pages and whether it sits in the top or the bottom part of the page."""
    found = defaultdict(list)
    flow_pages = {p for p in range(1, page_count(pdf) + 1) if "Uraian Kegiatan" in pdf_text(pdf, page=p)}
    for word in words(pdf):
        if word.page in flow_pages and re.fullmatch(r"[A-Z]{1,2}", word.text):
            found[word.text].append((word.page, "atas" if word.y < word.page_height / 2 else "bawah"))
    return found


@pytest.mark.django_db
def test_forty_steps_with_loops_give_connector_letters_in_pairs_bottom_and_top(opd):
    sop = sop_get(user=UserFactory(is_superuser=True), pk=looping_sop(opd=opd, steps=40).pk)
    layout = build_layout(sop)

    pdf = render_sop_pdf(sop)

    found = _connector_positions(pdf)
    assert len(layout.pages) >= 4
    assert sorted(found) == sorted(layout.connector_letters)
    assert len(layout.connector_letters) >= len(layout.pages)  # the loops back add pairs of their own
    for letter, places in found.items():
        assert len(places) == 2, (letter, places)
        assert sorted(side for _page, side in places) == ["atas", "bawah"], (letter, places)
        assert places[0][0] != places[1][0]


@pytest.mark.django_db
def test_two_hundred_steps_and_fifteen_columns_print_every_step_without_overflow(opd):
    sop = sop_get(user=UserFactory(is_superuser=True), pk=looping_sop(opd=opd, steps=200, columns=15).pk)
    layout = build_layout(sop)

    pdf = render_sop_pdf(sop)

    text = normalise(pdf_text(pdf))
    assert all(normalise(step.uraian) in text for step in sop.langkah.all())
    assert all(f"Pelaksana {i}" in text for i in range(1, 16)), "a column name was broken mid-word"
    flow_pages = [p for p in range(1, page_count(pdf) + 1) if "Uraian Kegiatan" in pdf_text(pdf, page=p)]
    assert len(flow_pages) == len(layout.pages)  # no row spilled onto a page the layout did not plan


@pytest.mark.django_db
def test_long_uraian_and_forty_dasar_hukum_are_printed_whole_and_markup_as_text(opd):
    sop = build_sop(opd=opd, steps=3, columns=2)
    long_text = ("Uraian panjang <script>alert('x')</script> & <b>tebal</b> " * 40)[:2000]
    Langkah.objects.filter(sop=sop, urutan=2).update(uraian=long_text)
    SopItem.objects.filter(sop=sop, jenis="dasar_hukum").delete()
    for i in range(40):
        SopItem.objects.create(sop=sop, jenis="dasar_hukum", urutan=i + 1, teks=f"Peraturan ke-{i + 1} tentang uji")
    sop = sop_get(user=UserFactory(is_superuser=True), pk=sop.pk)

    text = normalise(pdf_text(render_sop_pdf(sop)))

    assert normalise(long_text) in text
    assert all(f"Peraturan ke-{i} tentang uji" in text for i in range(1, 41))


@pytest.mark.django_db
def test_sop_without_steps_or_pelaksana_prints_what_it_has_and_says_what_is_missing(opd):
    sop = sop_get(user=UserFactory(is_superuser=True), pk=SopFactory(opd=opd, judul="SOP Kosong", nomor="").pk)

    text = normalise(pdf_text(render_sop_pdf(sop)))

    assert "SOP Kosong" in text
    assert "belum memiliki langkah" in text
    assert "belum diisi" in text


@pytest.mark.django_db
def test_fonts_are_embedded_and_f4_is_215_by_330_mm(opd):
    sop = sop_get(user=UserFactory(is_superuser=True), pk=build_sop(opd=opd).pk)

    pdf = render_sop_pdf(sop, "F4")

    assert fonts(pdf) and all(embedded for _name, embedded in fonts(pdf))
    width, height = page_size_pt(pdf)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (215, 330)


@pytest.mark.django_db
def test_unchanged_sop_is_rendered_once_and_an_edit_makes_a_new_pdf(opd, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    calls = []
    real = render_sop_pdf
    monkeypatch.setattr("sop.printing.render.render_sop_pdf", lambda *a, **k: calls.append(a) or real(*a, **k))
    admin = UserFactory(is_superuser=True)
    sop = sop_get(user=admin, pk=build_sop(opd=opd).pk)

    first, hit_first = cached_sop_pdf(sop, "A4")
    second, hit_second = cached_sop_pdf(sop_get(user=admin, pk=sop.pk), "A4")
    Langkah.objects.filter(sop=sop, urutan=1).update(waktu_nilai=Decimal("99"))
    third, hit_third = cached_sop_pdf(sop_get(user=admin, pk=sop.pk), "A4")

    assert (hit_first, hit_second, hit_third) == (False, True, False)
    assert first == second != third
    assert len(calls) == 2
    assert content_key(sop, "A4") != content_key(sop, "F4")


@pytest.mark.django_db
def test_preview_and_download_for_members_404_for_outsiders(client, penyusun, outsider, opd, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sop = build_sop(opd=opd, judul="SOP Cetak")
    client.force_login(penyusun)

    preview = client.get(reverse("sop:sop-print", args=[sop.pk]), {"kertas": "F4"})
    download = client.get(reverse("sop:sop-pdf", args=[sop.pk]), {"kertas": "F4"})
    bad_paper = client.get(reverse("sop:sop-pdf", args=[sop.pk]), {"kertas": "<script>"})

    assert preview.status_code == 200 and "Pratinjau cetak" in preview.content.decode()
    assert "SOP Cetak" in preview.content.decode()
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert bad_paper.status_code == 200  # falls back to the OPD's paper
    client.force_login(outsider)
    assert client.get(reverse("sop:sop-print", args=[sop.pk])).status_code == 404
    assert client.get(reverse("sop:sop-pdf", args=[sop.pk])).status_code == 404


@pytest.mark.django_db
def test_print_sop_command_by_nomor_or_id(opd, tmp_path):
    sop = build_sop(opd=opd, nomor="061.1/366")
    SopFactory(opd=OpdFactory(), nomor="DUA/1")
    SopFactory(opd=OpdFactory(), nomor="DUA/1")

    call_command("print_sop", "061.1/366", "--output", str(tmp_path / "a.pdf"), "--paper", "F4")
    call_command("print_sop", str(sop.pk), "--output", str(tmp_path / "b.pdf"))

    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
    assert sop.judul in pdf_text((tmp_path / "b.pdf").read_bytes())
    with pytest.raises(CommandError, match="dipakai beberapa OPD"):
        call_command("print_sop", "DUA/1", "--output", str(tmp_path / "c.pdf"))
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("print_sop", "TIDAK/ADA", "--output", str(tmp_path / "d.pdf"))
