"""The Kepala starts a pengukuran kinerja run, the staff complete their steps, the Kepala sends one back with a
reason, it is fixed, and the run reaches arsip — all through the pages, each person logging in and out.

Data: the seed SOP 000 of Bappeda & Litbang Kab. Banggai with the demo users and role holders
(fixtures organisasi, demo_users, sop_seeds, workflow_demo).
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from weasyprint import HTML

from sakip.models import User
from tests.signing.helpers import PASSPHRASE, give_certificate
from tests.workflow.conftest import YEAR
from workflow.models import Run, RunLog, Task

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "demo12345"
PDF = HTML(string="<h1>Dokumen Pengukuran Kinerja Triwulan I</h1><p>Capaian IKU 1: 97,78%</p>").write_pdf()
REASON = "Realisasi IKU 2 belum sesuai data BPS; validasi ulang"


@pytest.fixture
def seeded(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", "workflow_demo", verbosity=0)
    # The fixture's PBKDF2 hashes do not verify under the test settings' fast hasher: set the same password again.
    for user in User.objects.all():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    kepala = User.objects.get(username="kepala.banggai")
    give_certificate(kepala, kepala.keanggotaan.first().opd.pemda)


def log_out(page):
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/masuk/"))


def open_from_inbox(page, step: int):
    """Follow the "Tugas saya" badge to the task, as a person coming back to the office would."""
    page.get_by_test_id("nav-inbox").click()
    expect(page.get_by_role("heading", name="Tugas saya")).to_be_visible()
    row = page.get_by_test_id("inbox").locator("tr", has_text=f"{step}.").first
    row.get_by_role("link", name="Buka").click()
    expect(page.locator("#current-task")).to_contain_text(f"Langkah {step} dari 14")


def complete_step(page, step: int, note: str):
    panel = page.locator("#current-task")
    expect(panel).to_contain_text(f"Langkah {step} dari 14")
    panel.get_by_label("Catatan (wajib)").fill(note)
    page.set_input_files(
        "#id_berkas", files=[{"name": f"langkah-{step}.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    panel.get_by_role("button", name=f"Selesaikan langkah {step}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Langkah {step} selesai.")


def test_pengukuran_kinerja_from_disposisi_to_arsip(page, live_server, login, seeded, screenshot_dir):
    # The Kepala opens the signed SOP and starts the run for Triwulan I of this year.
    login(page, "kepala.banggai", DEMO_PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Daftar SOP").click()
    page.get_by_role("link", name="Pengukuran Kinerja").click()
    page.get_by_role("link", name="Mulai pelaksanaan").click()
    page.get_by_label("Tahun").fill(str(YEAR))
    page.get_by_label("Periode").select_option(label="Triwulan I")
    page.get_by_role("button", name="Mulai pelaksanaan").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Pelaksanaan Triwulan I {YEAR} dimulai")
    run_url = page.url

    page.goto(run_url)
    complete_step(page, 1, "Disposisi: Tim SAKIP menyusun pengukuran kinerja TW I")
    expect(page.locator("#current-task")).to_contain_text("Menunggu")
    log_out(page)

    # The Sek. Tim Sakip (penyusun) prepares the format, sends it, invites and holds the meeting.
    login(page, "penyusun.banggai", DEMO_PASSWORD)
    expect(page.get_by_test_id("open-task-count")).to_have_text("1")
    open_from_inbox(page, 2)
    page.screenshot(path=str(screenshot_dir / "workflow-step-2.png"), full_page=True)
    for step, note in [
        (2, "Format pengumpulan data dibuat"),
        (3, "Format dikirim ke 4 bidang dan sekretariat"),
        (4, "Undangan rapat Nomor 005/112/Bappeda"),
        (5, "Rapat pembahasan selesai, notulen terlampir"),
    ]:
        complete_step(page, step, note)
    log_out(page)

    # The Anggota Tim Sakip (kabid) gathers, validates and hands on the data.
    login(page, "kabid.banggai", DEMO_PASSWORD)
    open_from_inbox(page, 6)
    for step in (6, 7, 8):
        complete_step(page, step, f"Langkah {step}: data kinerja TW I")
    log_out(page)

    # The Kepala corrects the document and sends it back to the Kabid's validation, with the reason.
    login(page, "kepala.banggai", DEMO_PASSWORD)
    open_from_inbox(page, 9)
    page.get_by_role("button", name="Kembalikan ke langkah sebelumnya").click()
    expect(page.locator("#send-back-box")).to_have_class(re.compile(r"\bshow\b"))
    page.get_by_label("Kembalikan ke langkah").select_option("7")
    page.get_by_label("Alasan pengembalian (wajib)").fill(REASON)
    page.get_by_test_id("send-back-form").get_by_role("button", name="Kembalikan").click()
    expect(page.get_by_role("alert")).to_contain_text("dikembalikan ke langkah 7")
    expect(page.get_by_test_id("timeline")).to_contain_text("Dikembalikan ke langkah 7")
    expect(page.get_by_test_id("timeline")).to_contain_text(REASON)
    page.screenshot(path=str(screenshot_dir / "workflow-returned.png"), full_page=True)
    log_out(page)

    # The Kabid fixes it: validation again, then hands the data on.
    login(page, "kabid.banggai", DEMO_PASSWORD)
    open_from_inbox(page, 7)
    expect(page.locator("#current-task")).to_contain_text("putaran 2")
    complete_step(page, 7, "Validasi ulang dengan data BPS; IKU 2 diperbaiki")
    complete_step(page, 8, "Data terkoreksi diserahkan ke Kasubbid Data")
    log_out(page)

    login(page, "kepala.banggai", DEMO_PASSWORD)
    open_from_inbox(page, 9)
    complete_step(page, 9, "Koreksi selesai")
    log_out(page)

    login(page, "sekretaris.banggai", DEMO_PASSWORD)
    open_from_inbox(page, 10)
    complete_step(page, 10, "Dokumen diajukan kepada Kepala untuk ditandatangani")
    log_out(page)

    login(page, "kepala.banggai", DEMO_PASSWORD)
    open_from_inbox(page, 11)
    # The Kepala signs the document uploaded at step 10 with the passphrase of the certificate, then goes on.
    signing = page.get_by_test_id("run-sign-panel")
    signing.get_by_label("Passphrase TTE").fill(PASSPHRASE)
    signing.get_by_role("button", name="Tanda tangani").click()
    expect(page.get_by_role("alert")).to_contain_text("ditandatangani (PAdES B-B)")
    expect(page.get_by_test_id("run-signed")).to_contain_text("Ditandatangani oleh")
    page.screenshot(path=str(screenshot_dir / "workflow-signed.png"), full_page=True)
    complete_step(page, 11, "Ditandatangani")
    log_out(page)

    login(page, "penyusun.banggai", DEMO_PASSWORD)
    open_from_inbox(page, 12)
    page.get_by_test_id("run-number-button").click()
    expect(page.get_by_test_id("run-nomor")).to_contain_text("050/001/")
    for step, note in [
        (12, "Surat pengantar bernomor dikirim"),
        (13, "Digandakan 5 rangkap"),
        (14, "Diarsipkan di lemari arsip Subbagian Perencanaan"),
    ]:
        complete_step(page, step, note)

    expect(page.get_by_test_id("run-archived")).to_contain_text("Selesai dan diarsipkan")
    expect(page.get_by_test_id("complete-form")).to_have_count(0)
    expect(page.locator("[data-step][data-state=selesai]")).to_have_count(14)
    page.screenshot(path=str(screenshot_dir / "workflow-archived.png"), full_page=True)
    page.screenshot(path=str(screenshot_dir / "workflow-archived-viewport.png"))
    page.get_by_test_id("nav-inbox").click()
    expect(page.get_by_test_id("inbox-empty")).to_be_visible()

    # The monitoring page shows the steps with the return counted at step 7.
    page.goto(run_url)
    page.get_by_role("link", name="Monitoring SOP").first.click()
    table = page.get_by_test_id("monitoring-table")
    expect(table.locator("tbody tr")).to_have_count(14)
    expect(page.get_by_test_id("monitoring-chart")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "workflow-monitoring.png"), full_page=True)

    run = Run.objects.get()
    assert run.status == Run.Status.ARSIP
    assert Task.objects.filter(run=run).count() == 17
    assert RunLog.objects.filter(run=run, aksi="kembali", catatan=REASON).count() == 1


def test_the_kepala_reads_why_a_duplicate_period_is_refused(page, live_server, login, seeded, screenshot_dir):
    login(page, "kepala.banggai", DEMO_PASSWORD)
    for attempt in range(2):
        page.goto(f"{live_server.url}/alur/mulai/1/")
        page.get_by_label("Periode").select_option(label="Semester I")
        page.get_by_label("Tahun").fill(str(YEAR))
        page.get_by_role("button", name="Mulai pelaksanaan").click()
        if attempt == 0:
            expect(page.get_by_role("alert")).to_contain_text(f"Semester I {YEAR} dimulai")

    expect(page.get_by_role("alert")).to_contain_text(f"Semester I {YEAR} sudah ada")
    page.screenshot(path=str(screenshot_dir / "workflow-duplicate.png"))
    assert Run.objects.count() == 1
