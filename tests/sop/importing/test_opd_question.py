"""A document whose kop does not tell its OPD: the command refuses it without --opd, the upload page asks."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from sakip.models import Opd, User
from sop.models import Sop
from tests.sakip.factories import OpdFactory, PemdaFactory, UserFactory
from tests.sop.importing.docs import HEADER, STEPS, SUB, text

# A Dinas and its UPT, neither registered: either could be the OPD.
UNCLEAR = text(
    "PEMERINTAH KABUPATEN DONGGALA",
    "DINAS KESEHATAN",
    "UPTD PUSKESMAS LABUAN",
    "",
    "Nomor SOP\t:\t440/05/PKM-LBN/2023",
    "Tanggal Pembuatan\t:\t06 Juni 2023",
    "Tanggal Efektif\t:\t12 Juni 2023",
    "Judul SOP\t:\tPendaftaran Pasien",
    "",
    HEADER,
    SUB,
    *STEPS,
)


@pytest.fixture
def unclear_file(tmp_path):
    path = tmp_path / "puskesmas.txt"
    path.write_bytes(UNCLEAR)
    return path


def run(*args) -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("import_sop", *[str(arg) for arg in args], stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_the_command_refuses_it_without_opd_and_says_opd_is_needed(db, unclear_file):
    output, error = run(unclear_file)
    assert error is not None and error.returncode == 1
    assert "GAGAL  puskesmas.txt" in output
    assert (
        "puskesmas.txt, baris 1: kop dokumen menyebut “DINAS KESEHATAN”, “UPTD PUSKESMAS LABUAN”; tidak jelas mana "
        "OPD-nya, dan belum ada yang terdaftar di Kabupaten Donggala."
    ) in output
    assert "OPD tujuan perlu disebutkan: jalankan lagi dengan --opd ID" in output
    assert not Opd.objects.exists() and not Sop.objects.exists()


def test_the_command_imports_it_with_opd(db, unclear_file):
    upt = OpdFactory(nama="UPTD Puskesmas Labuan")
    output, error = run(unclear_file, "--opd", upt.pk)
    assert error is None, output
    assert Sop.objects.get().opd == upt


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", password="x")


def upload(client, data: bytes = UNCLEAR, name: str = "puskesmas.txt"):
    return client.post(reverse("sop:sop-import"), {"opd": "", "berkas": [SimpleUploadedFile(name, data)]})


def test_the_upload_page_asks_for_the_opd_keeping_the_file(client, root):
    upt = OpdFactory(nama="UPTD Puskesmas Labuan", pemda=PemdaFactory(nama="Kabupaten Sigi"))
    client.force_login(root)
    response = upload(client)
    assert response.status_code == 302 and response.url.endswith("/opd/")
    page = client.get(response.url).content.decode()
    assert "OPD tujuan belum bisa dipastikan dari kop dokumen." in page
    assert "puskesmas.txt, baris 1: kop dokumen menyebut “DINAS KESEHATAN”, “UPTD PUSKESMAS LABUAN”" in page
    assert "<strong>puskesmas.txt</strong>" in page
    assert f'<option value="{upt.pk}">UPTD Puskesmas Labuan — Kabupaten Sigi</option>' in page

    refused = client.post(response.url, {"opd": ""})
    assert refused.status_code == 422
    assert "Pilih OPD tujuan: kop dokumen tidak menyebutnya dengan jelas." in refused.content.decode()

    preview = client.post(response.url, {"opd": upt.pk})
    assert preview.status_code == 302 and preview.url == response.url.removesuffix("opd/")
    assert "Disimpan ke <strong>UPTD Puskesmas Labuan</strong>" in client.get(preview.url).content.decode()
    client.post(preview.url)
    assert Sop.objects.get().opd == upt
    assert not Opd.objects.filter(nama__iexact="DINAS KESEHATAN").exists()


def test_a_clear_kop_goes_straight_to_the_preview(client, root):
    client.force_login(root)
    clear = UNCLEAR.replace(b"UPTD PUSKESMAS LABUAN\n", b"")
    response = upload(client, clear)
    assert response.status_code == 302 and not response.url.endswith("/opd/")


def test_the_question_page_is_only_for_the_uploader_and_only_offers_opds_they_may_import_into(client, root, opd):
    client.force_login(root)
    question_url = upload(client).url
    admin = UserFactory(username="admin.lain", roles=[(opd, "admin_opd")])
    client.force_login(admin)
    assert client.get(question_url).status_code == 404
    assert client.post(question_url, {"opd": opd.pk}).status_code == 404
