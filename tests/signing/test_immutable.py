"""Signed documents: immutable, checked when served, their page says sah / diganti / dicabut, uploads limited."""

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from sakip.models import Keanggotaan
from sop.importing import read_document
from sop.importing.services import sop_import
from sop.models import Sop
from sop.transitions import sop_revise, sop_submit
from tests.sakip.factories import PegawaiFactory, UserFactory
from tests.signing.helpers import PASSPHRASE, give_certificate, pdfsig, submitted_sop
from tests.sop.importing.docs import HEADER, STEPS, SUB
from workflow.signing.services import sign_sop

Peran = Keanggotaan.Peran


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def signed(opd, kepala):
    give_certificate(kepala, opd.pemda)
    return sign_sop(sop=submitted_sop(opd, kepala, nomor="800/1/2026"), actor=kepala, passphrase=PASSPHRASE)


def one_byte_changed(pdf: bytes) -> bytes:
    """The signed PDF with one byte of a page's content stream changed (inside what the signature covers)."""
    at = pdf.index(b"stream\n") + 40
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


def test_one_byte_changed_is_not_that_document_and_not_valid(client, signed):
    tampered = one_byte_changed(signed.berkas.read())
    assert "Signature is Valid" not in pdfsig(tampered)
    response = client.post(signed.get_absolute_url(), {"berkas": SimpleUploadedFile("x.pdf", tampered)})
    body = response.content.decode()
    assert "tidak sama" in body and "telah diubah setelah ditandatangani" in body


def test_kepala_bidang_and_sekretaris_cannot_sign_another_opds_kepala_does_not_see_it(
    client, opd, other_opd, kepala, sekretaris
):
    sop = submitted_sop(opd, kepala)
    kabid = UserFactory(roles=[(opd, Peran.VALIDATOR)])
    stranger = UserFactory(roles=[(other_opd, Peran.KEPALA)])
    PegawaiFactory(opd=other_opd, user=stranger)
    url = reverse("signing:sop-review", args=[sop.pk])
    for user, status in ((kabid, 403), (sekretaris, 403), (stranger, 404)):
        client.force_login(user)
        assert client.post(url, {"passphrase": PASSPHRASE}).status_code == status
    sop.refresh_from_db()
    assert sop.status == Sop.Status.DIAJUKAN


def test_a_signed_sop_cannot_be_changed_by_the_editor_the_admin_or_the_importer(client, signed, opd, penyusun):
    from django.contrib.auth import get_user_model

    sop = signed.sop
    client.force_login(penyusun)
    refused = client.get(reverse("sop:sop-update", args=[sop.pk]), follow=True)  # back to the sheet, with why
    assert "Buat revisi untuk mengubah SOP ini" in refused.content.decode()
    admin = get_user_model().objects.create_superuser("root", "root@example.go.id", "rahasia123")
    client.force_login(admin)
    client.post(reverse("admin:sop_sop_change", args=[sop.pk]), {"judul": "Diubah di admin", "opd": opd.pk})
    lines = (
        "PEMERINTAH KABUPATEN CONTOH\tNomor SOP\t800/1/2026",
        "\tNama SOP\tJudul dari impor",
    )
    Keanggotaan.objects.get_or_create(user=penyusun, opd=opd, peran=Peran.ADMIN_OPD)
    document = read_document(data="\n".join((*lines, "", HEADER, SUB, *STEPS)).encode(), filename="impor.txt")
    imported = sop_import(document=document, opd=opd, user=penyusun)
    sop.refresh_from_db()
    assert sop.judul != "Diubah di admin" and sop.judul != "Judul dari impor" and sop.status == Sop.Status.DISAHKAN
    assert imported.pk != sop.pk and imported.versi == sop.versi + 1  # the importer made a revision draft
    assert hashlib.sha256(signed.berkas.open("rb").read()).hexdigest() == signed.sha256


def test_a_changed_stored_file_is_not_served(client, signed, kepala):
    path = signed.berkas.path
    with open(path, "r+b") as handle:
        handle.seek(100)
        handle.write(b"X")
    client.force_login(kepala)
    for url in (reverse("sop:sop-pdf", args=[signed.sop_id]), reverse("signing:download", args=[signed.token])):
        response = client.get(url, follow=True)
        assert response.status_code == 200 and "rusak atau berubah" in response.content.decode()
        assert response["Content-Type"].startswith("text/html")


def test_a_signed_file_gone_from_storage_is_said_not_a_500(client, signed, kepala):
    Path(signed.berkas.path).unlink()
    body = client.get(signed.get_absolute_url())
    assert body.status_code == 200 and "tidak ditemukan di server" in body.content.decode()
    client.force_login(kepala)
    for url in (reverse("sop:sop-pdf", args=[signed.sop_id]), reverse("signing:download", args=[signed.token])):
        response = client.get(url, follow=True)
        assert response.status_code == 200 and "rusak atau berubah" in response.content.decode()


def test_print_sop_writes_the_signed_file_byte_for_byte(signed, tmp_path):
    output = tmp_path / "cetak.pdf"
    call_command("print_sop", str(signed.sop_id), "--output", str(output), "--paper", "F4")
    assert output.read_bytes() == signed.berkas.open("rb").read()


def test_the_page_says_diganti_once_a_newer_version_is_signed(client, signed, opd, kepala, penyusun):
    revision = sop_revise(sop=signed.sop, actor=penyusun)
    sop_submit(sop=revision, actor=penyusun)
    sign_sop(sop=revision, actor=kepala, passphrase=PASSPHRASE)
    body = client.get(signed.get_absolute_url()).content.decode()
    assert "sudah diganti" in body and "versi 2" in body


def test_the_page_says_dicabut_after_revocation(client, signed):
    call_command("cabut_ttd", signed.token, "--alasan", "Salah lampiran, diganti SOP 800/2/2026")
    body = client.get(signed.get_absolute_url()).content.decode()
    assert "sudah dicabut" in body and "Salah lampiran" in body


def test_uploads_are_limited_per_client(client, signed, settings):
    settings.SIGNING_VERIFY_UPLOADS = 2
    from django.core.cache import cache

    cache.clear()
    data = signed.berkas.open("rb").read()
    answers = [
        client.post(signed.get_absolute_url(), {"berkas": SimpleUploadedFile("a.pdf", data)}).status_code
        for _ in range(3)
    ]
    assert answers == [200, 200, 429]
