"""The whole pengesahan through the BSrE backend (the stand-in server of tests/signing/bsre_server.py)."""

import pytest
from django.urls import reverse

from sop.models import Sop
from tests.signing.conftest import BSRE_NIK, BSRE_PASSPHRASE
from tests.signing.helpers import pdfsig, qr_codes, submitted_sop
from workflow.signing.models import DokumenTertandatangan, ProfilTte


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_kepala_signs_through_bsre_with_the_nik_of_the_profile(client, bsre_settings, bsre_server, opd, kepala):
    ProfilTte.objects.create(user=kepala, nik=BSRE_NIK)
    sop = submitted_sop(opd, kepala, nomor="")
    client.force_login(kepala)
    review = reverse("signing:sop-review", args=[sop.pk])
    assert 'data-testid="sign-form"' in client.get(review).content.decode()  # BSrE says the NIK may sign

    wrong = client.post(review, {"passphrase": "bukan-passphrase"})
    assert wrong.status_code == 422 and "Passphrase TTE salah" in wrong.content.decode()
    done = client.post(review, {"passphrase": BSRE_PASSPHRASE})
    assert done.status_code == 302

    sop.refresh_from_db()
    assert sop.status == Sop.Status.DISAHKAN and sop.nomor.startswith("001/SOP/")
    document = DokumenTertandatangan.objects.get(sop=sop)
    assert document.backend == "bsre" and document.referensi
    pdf = document.berkas.read()
    assert "Signature is Valid" in pdfsig(pdf)
    assert qr_codes(pdf) == [f"http://testserver/v/{document.token}/"]
    client.logout()
    verdict = client.get(document.get_absolute_url()).content.decode()
    assert "Tanda tangan elektronik sah" in verdict


def test_without_a_nik_the_page_says_no_certificate(client, bsre_settings, opd, kepala):
    sop = submitted_sop(opd, kepala)
    client.force_login(kepala)
    assert 'data-testid="no-certificate"' in client.get(reverse("signing:sop-review", args=[sop.pk])).content.decode()
