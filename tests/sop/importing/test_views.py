"""The import pages: who may use them, the preview that saves nothing, the confirmation, bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.models import Keanggotaan, Opd, Pemda, User
from sop.importing import MAX_BYTES
from sop.models import Sop
from tests.sakip.factories import UserFactory
from tests.sop.importing.conftest import SEED_FILES, seed_bytes

Peran = Keanggotaan.Peran
UPLOAD = reverse("sop:sop-import")


@pytest.fixture
def admin(opd):
    """The admin of the OPD: may import into it."""
    return UserFactory(username="admin", roles=[(opd, Peran.ADMIN_OPD)])


@pytest.fixture
def other_admin(other_opd):
    """Charlie's admin: may import, but only into the other OPD."""
    return UserFactory(username="admin.lain", roles=[(other_opd, Peran.ADMIN_OPD)])


def seed_file(pk: int = 3) -> SimpleUploadedFile:
    return SimpleUploadedFile(SEED_FILES[pk], seed_bytes(pk), content_type="text/plain")


def upload(client, opd, *files) -> str:
    response = client.post(UPLOAD, {"opd": opd.pk if opd else "", "berkas": list(files)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url


def test_admin_previews_then_confirms_and_finds_the_draft(client, admin, opd, import_dir):
    client.force_login(admin)
    preview_url = upload(client, opd, seed_file(3))
    page = client.get(preview_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Siap, dengan" in html and "Langkah 1: tidak ada tanda di kolom pelaksana" in html
    assert "Memerintahkan melaksanakan pengukuran kinerja" in html  # the sheet: every step as it will be saved
    assert "H. Hamrin, S.Ag. SE. M. AP" in html
    assert "Simpan 1 SOP sebagai draf" in html
    assert not Sop.objects.exists()  # the preview saved nothing

    response = client.post(preview_url)
    assert response.status_code == 302 and response.url == reverse("sop:sop-import-result")
    sop = Sop.objects.get()
    assert (sop.opd, sop.status, sop.judul, sop.dibuat_oleh) == (opd, "draft", "PELAKSANAAN PENGUKURAN KINERJA", admin)
    result = client.get(response.url).content.decode()
    assert sop.get_absolute_url() in result and "Berhasil, 9 peringatan" in result  # 7 steps, Lembar Kerja, kop
    assert client.get(preview_url).status_code == 404  # the upload is gone once used
    assert not any(import_dir.iterdir())


def test_a_batch_reports_each_file(client, admin, opd):
    client.force_login(admin)
    empty = SimpleUploadedFile("kosong.txt", b"")
    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 ...")
    preview_url = upload(client, opd, seed_file(3), empty, seed_file(4), pdf)
    html = client.get(preview_url).content.decode()
    assert html.count("Gagal — tidak akan disimpan") == 2
    assert "kosong.txt: berkas kosong (0 byte)." in html
    assert "scan.pdf: berkas PDF tidak bisa diimpor" in html
    assert "Simpan 2 SOP sebagai draf" in html
    client.post(preview_url)
    assert Sop.objects.count() == 2
    result = client.get(reverse("sop:sop-import-result")).content.decode()
    assert result.count('data-status="gagal"') == 2 and result.count('data-status="peringatan"') == 2


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("biner.txt", b"\x00\x01\x02\xff" * 50, "bukan teks"),
        ("acak.txt", b"Belanja\tharian\n1. Beras", "tidak tampak seperti dokumen SOP"),
        ("rusak.docx", b"PK\x03\x04" + b"\x00" * 40, "rusak"),
        ("tabel.txt", b"\tJudul SOP\tX\n\nNo\tUraian\tPelaksana\tMutu Baku\n\t\tKepala\tKelengkapan", "Waktu belum"),
    ],
)
def test_bad_input_is_an_error_on_the_page_never_a_500(client, admin, opd, name, data, says):
    client.force_login(admin)
    preview_url = upload(client, opd, SimpleUploadedFile(name, data))
    page = client.get(preview_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert says in html and name in html
    assert "disabled" in html  # nothing to save
    client.post(preview_url)
    assert not Sop.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_kept(client, admin, opd, import_dir):
    client.force_login(admin)
    big = SimpleUploadedFile("besar.txt", b"a" * (MAX_BYTES + 1))
    response = client.post(UPLOAD, {"opd": opd.pk, "berkas": [big]})
    assert response.status_code == 422
    assert "“besar.txt”: berkas terlalu besar (5,0 MB); paling besar 5,0 MB." in response.content.decode()
    assert not import_dir.exists() or not any(import_dir.iterdir())


def test_a_colleague_who_writes_sops_may_not_import(client, penyusun, opd):
    client.force_login(penyusun)
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"opd": opd.pk, "berkas": [seed_file()]}).status_code == 403
    assert "Impor SOP" not in client.get(reverse("sop:sop-list")).content.decode()


def test_an_outsider_cannot_import_into_another_opd_with_a_forged_field(client, other_admin, opd, import_dir):
    client.force_login(other_admin)
    assert client.get(UPLOAD).status_code == 200  # may import, into the other OPD
    assert client.post(UPLOAD, {"opd": opd.pk, "berkas": [seed_file()]}).status_code == 404
    assert client.post(UPLOAD, {"opd": "999999", "berkas": [seed_file()]}).status_code == 404
    assert client.post(UPLOAD, {"opd": "1 OR 1=1", "berkas": [seed_file()]}).status_code == 404
    assert not import_dir.exists() or not any(import_dir.iterdir())


def test_a_member_who_is_not_admin_there_gets_403(client, other_admin, opd):
    Keanggotaan.objects.create(user=other_admin, opd=opd, peran=Peran.PENYUSUN)
    client.force_login(other_admin)
    assert client.post(UPLOAD, {"opd": opd.pk, "berkas": [seed_file()]}).status_code == 403


def test_an_admin_must_choose_an_opd(client, admin):
    client.force_login(admin)
    response = client.post(UPLOAD, {"opd": "", "berkas": [seed_file()]})
    assert response.status_code == 422
    assert "OPD tujuan" in response.content.decode()


def test_forged_and_foreign_tokens_give_404(client, admin, other_admin, opd):
    client.force_login(admin)
    preview_url = upload(client, opd, seed_file())
    for forged in ("A" * 43, "../../etc/passwd", "x"):
        url = f"/sop/impor/{forged}/"
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    client.force_login(other_admin)
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert not Sop.objects.exists()


def test_an_upload_whose_admin_lost_the_role_cannot_be_confirmed(client, admin, opd):
    client.force_login(admin)
    preview_url = upload(client, opd, seed_file())
    Keanggotaan.objects.filter(user=admin, peran=Peran.ADMIN_OPD).update(peran=Peran.PENYUSUN)
    assert client.post(preview_url).status_code == 403
    assert not Sop.objects.exists()


def test_cancel_forgets_the_upload(client, admin, opd):
    client.force_login(admin)
    preview_url = upload(client, opd, seed_file())
    response = client.post(preview_url, {"batal": "1"})
    assert response.url == UPLOAD
    assert client.get(preview_url).status_code == 404
    assert not Sop.objects.exists()


def test_superuser_reads_the_opd_from_the_kop_and_the_preview_creates_nothing(client, db):
    root = User.objects.create_superuser("root", password="x")
    client.force_login(root)
    preview_url = upload(client, None, seed_file(1))
    html = client.get(preview_url).content.decode()
    assert "Pemda “Kabupaten Banggai” belum terdaftar dan dibuat" in html
    assert not Pemda.objects.exists() and not Opd.objects.exists()
    client.post(preview_url)
    sop = Sop.objects.get()
    assert sop.opd.pemda.nama == "Kabupaten Banggai"


def test_the_menu_shows_impor_sop_to_admins(client, admin):
    client.force_login(admin)
    assert f'href="{UPLOAD}">Impor SOP' in client.get(reverse("sop:sop-list")).content.decode()


def test_result_page_without_results_goes_back_to_upload(client, admin):
    client.force_login(admin)
    assert client.get(reverse("sop:sop-import-result")).url == UPLOAD


def test_an_outsider_without_an_admin_role_anywhere_gets_403(client, outsider, opd):
    client.force_login(outsider)
    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"opd": opd.pk, "berkas": [seed_file()]}).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_page_script_is_told_where_to_go_and_the_upload_page_carries_its_steps(client, admin, opd, import_dir):
    client.force_login(admin)
    page = client.get(UPLOAD).content.decode()
    response = client.post(UPLOAD, {"opd": opd.pk, "berkas": [seed_file(3)]}, headers={"HX-Request": "true"})

    assert "data-upload-progress" in page and 'data-testid="upload-steps"' in page
    assert "js/upload_progress.js" in page and "Menyusun pratinjau" in page
    # No redirect for the script to follow: it goes to the preview itself, so the preview is read once.
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/sop/impor/") and response["HX-Redirect"].endswith("/")
    preview = client.get(response["HX-Redirect"])
    assert preview.status_code == 200 and "Simpan 1 SOP sebagai draf" in preview.content.decode()
