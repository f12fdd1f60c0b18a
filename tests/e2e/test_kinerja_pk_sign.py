"""In the browser: the Kepala sees the Perjanjian Kinerja waiting on the Beranda, signs it with the passphrase (a
wrong one first), and its verification page says it is valid; the Admin OPD then adds an indikator, and the
signed PK offers only a PK Perubahan.

Data: the demo users and the demo performance data (fixtures organisasi, demo_users, kinerja_demo).
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sakip.kinerja.models import Indikator, PerjanjianKinerja
from sakip.models import User
from tests.e2e.test_workflow_run import DEMO_PASSWORD
from tests.signing.helpers import PASSPHRASE, give_certificate, validate

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("loaddata", "organisasi", "demo_users", "kinerja_demo", verbosity=0)
    for user in User.objects.all():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    kepala = User.objects.get(username="kepala.banggai")
    give_certificate(kepala, kepala.pegawai.opd.pemda)
    return kepala


def test_kepala_signs_the_pk_and_admin_adds_an_indikator(page, live_server, login, demo):
    version = PerjanjianKinerja.objects.filter(opd=demo.pegawai.opd).order_by("-tahun", "-versi").first()
    login(page, "kepala.banggai", DEMO_PASSWORD)
    page.get_by_test_id("pk-to-sign").first.get_by_role("link").click()
    panel = page.get_by_test_id("pk-sign-panel")
    expect(panel.get_by_test_id("pk-preview")).to_be_visible()
    panel.get_by_label("Passphrase TTE").fill("bukan-passphrase")
    panel.get_by_test_id("pk-sign").click()
    expect(page.locator(".alert-danger, .alert-error").first).to_contain_text("Sisa percobaan")
    panel = page.get_by_test_id("pk-sign-panel")
    panel.get_by_label("Passphrase TTE").fill(PASSPHRASE)
    panel.get_by_test_id("pk-sign").click()
    expect(page.get_by_test_id("pk-signed")).to_contain_text("Ditandatangani secara elektronik")
    version.refresh_from_db()
    with version.dokumen.berkas.open("rb") as handle:
        signed = handle.read()
    pemda = version.opd.pemda
    assert pemda.otoritas_sertifikat.sertifikat_pem  # read here: the check below runs in another thread
    with ThreadPoolExecutor(1) as pool:  # pyHanko runs its own event loop; Playwright's is running in this thread
        status = pool.submit(validate, signed, pemda).result()
    assert status.intact and status.valid and status.trusted
    page.get_by_role("link", name="Halaman verifikasi").click()
    expect(page.get_by_test_id("verdict")).to_contain_text("Tanda tangan elektronik sah")

    page.get_by_role("button", name="Keluar").click()
    login(page, "admin.banggai", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kinerja/indikator/{version.opd_id}/{version.tahun}/")
    form = page.get_by_test_id("indikator-form")
    form.get_by_label("atau sasaran strategis baru").fill("Meningkatnya keterbukaan informasi")
    form.get_by_label("Indikator kinerja").fill("Persentase informasi publik yang terbit tepat waktu")
    form.get_by_label("Satuan").fill("%")
    form.get_by_label("Unit penanggung jawab").select_option(index=1)
    form.get_by_label("Pagu anggaran (Rp)").fill("25.000.000")
    form.get_by_label("Sasaran strategis", exact=True).select_option(index=1)  # and a new one typed: refused
    form.get_by_test_id("add-indikator").click()
    expect(page.get_by_text("Pilih sasaran dari daftar atau tulis yang baru, bukan keduanya.")).to_be_visible()
    form = page.get_by_test_id("indikator-form")
    expect(form.get_by_label("Indikator kinerja")).to_have_value("Persentase informasi publik yang terbit tepat waktu")
    form.get_by_label("Sasaran strategis", exact=True).select_option(index=0)
    form.get_by_test_id("add-indikator").click()
    expect(page.get_by_test_id("indikator-table")).to_contain_text("Persentase informasi publik")
    assert Indikator.objects.filter(nama__startswith="Persentase informasi publik").exists()
    page.goto(f"{live_server.url}/kinerja/pk/{version.opd_id}/{version.tahun}/")
    options = page.get_by_label("Perubahan", exact=True).locator("option").all_inner_texts()
    assert options and all(text.startswith("PK Perubahan") for text in options)
