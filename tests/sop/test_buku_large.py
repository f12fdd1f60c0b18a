"""A Buku SOP of more SOPs than one query or one pdfunite call takes: read in batches, joined in groups, in order."""

import hashlib
import io

import pytest
from pypdf import PdfReader, PdfWriter

from sop import buku as buku_module
from sop.buku import build_buku_sop
from sop.models import BukuSop, Sop
from tests.sop.factories import build_sop
from tests.sop.pdftools import font_files, normalise, pdf_text

BOOK_SIZE = 45  # with the batches made small below: five reads of SOPs, three groups for pdfunite


@pytest.fixture
def one_page_pdfs(tmp_path, monkeypatch):
    """Each SOP "printed" as a one-page PDF of its own (WeasyPrint for every SOP would take long)."""
    printed = []

    def fake_print(sop, paper):
        path = tmp_path / "cache" / f"{sop.pk}.pdf"
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            writer = PdfWriter()
            writer.add_blank_page(width=595, height=842)
            writer.write(path)
        printed.append(sop.pk)
        return path, False

    monkeypatch.setattr(buku_module, "cached_sop_pdf", fake_print)
    return printed


def test_a_book_larger_than_a_batch_and_a_group_is_whole_and_in_the_order_of_nomor(
    opd, settings, tmp_path, monkeypatch, one_page_pdfs
):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(buku_module, "SOP_BATCH", 10)
    monkeypatch.setattr(buku_module, "JOIN_BATCH", 20)
    sops = [
        build_sop(opd=opd, steps=1, columns=5, status=Sop.Status.DISAHKAN, nomor=f"800/{n:03d}")
        for n in reversed(range(BOOK_SIZE))  # made in the reverse of the book's order
    ]
    build_sop(opd=opd, steps=1, columns=1, status=Sop.Status.DRAFT)  # not in force: not in the book
    joins = []
    real_join = buku_module.join_pdfs
    monkeypatch.setattr(
        buku_module, "join_pdfs", lambda paths, target: joins.append(len(paths)) or real_join(paths, target)
    )
    buku = BukuSop.objects.create(opd=opd)

    build_buku_sop.call(buku.pk)

    buku.refresh_from_db()
    in_order = sorted(sops, key=lambda sop: sop.nomor)
    assert (buku.status, buku.pesan, buku.jumlah_sop, buku.sop_selesai) == ("selesai", "", BOOK_SIZE, BOOK_SIZE)
    assert one_page_pdfs == [sop.pk for sop in in_order]
    assert joins == [BOOK_SIZE + 1, 20, 20, 6, 3]  # the cover and daftar isi with the SOPs; three groups; the groups
    pdf = buku.berkas.read()
    front = buku.jumlah_halaman - BOOK_SIZE
    assert len(PdfReader(io.BytesIO(pdf)).pages) == buku.jumlah_halaman
    toc = normalise(" ".join(pdf_text(pdf, page=page) for page in range(1, front + 1)))
    assert toc.index(in_order[0].nomor) < toc.index(in_order[1].nomor) < toc.index(in_order[-1].nomor)
    assert f"{in_order[-1].nomor} {in_order[-1].judul} {buku.jumlah_halaman}" in toc
    assert sorted(p.name for p in (settings.MEDIA_ROOT / "buku-sop").iterdir()) == [buku.berkas.name.split("/")[1]]


def test_in_a_book_of_real_prints_each_font_subset_has_a_tag_of_its_own(opd, settings, tmp_path):
    """Different subsets in one PDF must have different tags; every SOP's drawn pages used to say AAAAAA+."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for n, uraian in enumerate(["Periksa capaian ≥ 80 %", "Kirim ke Kepala — paraf", "Arsipkan ½ rangkap"]):
        sop = build_sop(opd=opd, steps=3, columns=2, status=Sop.Status.DISAHKAN, nomor=f"800/{n:03d}")
        sop.langkah.filter(urutan=2).update(uraian=uraian)
    buku = BukuSop.objects.create(opd=opd)

    build_buku_sop.call(buku.pk)

    buku.refresh_from_db()
    subsets = {}  # tag+name -> the font files under it
    for name, data in font_files(buku.berkas.read()):
        subsets.setdefault(name, set()).add(hashlib.sha256(data).hexdigest())
    regular = [name for name in subsets if name.endswith("+DejaVuSansCondensed")]
    assert buku.status == "selesai" and len(regular) == 3  # each SOP's own characters, its own subset
    assert all(len(files) == 1 for files in subsets.values()), {k: len(v) for k, v in subsets.items()}
