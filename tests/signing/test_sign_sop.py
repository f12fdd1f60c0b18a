import pytest

from sop.models import Sop
from tests.signing.helpers import PASSPHRASE, give_certificate, pdfsig, qr_codes, submitted_sop, validate
from workflow.signing.services import sign_sop


@pytest.fixture
def signed(opd, kepala, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    give_certificate(kepala, opd.pemda)
    sop = submitted_sop(opd, kepala, nomor="")
    return sign_sop(sop=sop, actor=kepala, passphrase=PASSPHRASE, base_url="http://testserver")


def test_signed_sop_is_pades_valid_for_pyhanko_and_pdfsig(signed, opd):
    pdf = signed.berkas.read()
    status = validate(pdf, opd.pemda)
    assert status.bottom_line, status.pretty_print_details()
    assert status.intact and status.valid and status.trusted
    out = pdfsig(pdf)
    assert "ETSI.CAdES.detached" in out
    assert "Signature is Valid" in out
    assert signed.tingkat == "B-B"


def test_qr_code_opens_the_verification_page(signed):
    assert qr_codes(signed.berkas.read()) == [f"http://testserver/v/{signed.token}/"]


def test_sop_is_disahkan_and_numbered(signed):
    sop = Sop.objects.get(pk=signed.sop_id)
    assert sop.status == Sop.Status.DISAHKAN
    assert sop.nomor.startswith("001/SOP/")
    assert signed.nomor == sop.nomor


def test_a_signed_sop_is_not_rendered_again_in_the_background(
    opd, kepala, tmp_path, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from sop.printing import prerender

    settings.MEDIA_ROOT = tmp_path
    queued = []
    monkeypatch.setattr(prerender, "_queue", queued.append)
    give_certificate(kepala, opd.pemda)
    sop = submitted_sop(opd, kepala)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sign_sop(sop=sop, actor=kepala, passphrase=PASSPHRASE)
    assert callbacks  # the approval's signal went out after the commit
    assert queued == []  # and asked for no render: downloads get the signed file
