"""Unsigned PDFs say so on every page; the signed one does not."""

from sop.models import Sop
from sop.printing import render_sop_pdf
from tests.signing.helpers import PASSPHRASE, give_certificate, submitted_sop
from tests.sop.factories import build_sop
from tests.sop.pdftools import page_count, pdf_text
from workflow.signing.services import sign_sop

MARK = "DRAF — belum disahkan"


def test_every_page_of_a_draft_and_a_submitted_sop_is_marked(opd):
    for status in (Sop.Status.DRAFT, Sop.Status.DIAJUKAN):
        pdf = render_sop_pdf(build_sop(opd=opd, steps=30, status=status))
        pages = page_count(pdf)
        assert pages >= 3
        assert all(MARK in pdf_text(pdf, page=n) for n in range(1, pages + 1))
        assert "belum ditandatangani" in pdf_text(pdf, page=1)


def test_the_signed_pdf_carries_no_draft_mark(opd, kepala, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    give_certificate(kepala, opd.pemda)
    document = sign_sop(sop=submitted_sop(opd, kepala), actor=kepala, passphrase=PASSPHRASE)
    text = pdf_text(document.berkas.read())
    assert MARK not in text and "belum ditandatangani" not in text
    assert "Ditandatangani secara elektronik" in text  # the visible signature's own words
