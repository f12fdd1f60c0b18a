"""Staff of a bidang fill the Form Pengukuran Kinerja (capaian computed as they type), the Kabid validates it,
the run's data and validation steps then pass, and the Dokumen Pengukuran Kinerja shows the capaian and its chart.

Data: the seed SOP 000 of Bappeda & Litbang Kab. Banggai with the demo users and the demo performance data
(fixtures organisasi, demo_users, sop_seeds, workflow_demo, kinerja_demo).
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from playwright.sync_api import expect

from sakip.kinerja.models import FormPengukuran
from sakip.kinerja.transitions import form_move
from sakip.models import User
from sop.models import Sop
from tests.e2e.test_workflow_run import DEMO_PASSWORD, PDF, complete_step, log_out
from workflow import rules
from workflow.models import Task
from workflow.transitions import run_start, task_complete

pytestmark = pytest.mark.e2e
TAHUN = 2026


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", "workflow_demo", "kinerja_demo", verbosity=0)
    for user in User.objects.all():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    users = {u.username: u for u in User.objects.all()}
    run = run_start(sop=Sop.objects.get(pk=1), tahun=TAHUN, periode="tw1", actor=users["kepala.banggai"])
    for _ in range(5):  # steps 1–5 (disposisi … rapat) are not what this test is about
        task = Task.objects.select_related("langkah").get(run=run, status="terbuka")
        file = SimpleUploadedFile("l.pdf", PDF) if rules.needs_document(task.langkah) else None
        task_complete(task=task, actor=task.assignee, note="selesai", upload=file)
    # The Sekretariat's form is submitted and validated outside the browser.
    sekretariat = FormPengukuran.objects.create(opd_id=1, unit_id=1, tahun=TAHUN, triwulan=1)
    form_move(form=sekretariat, actor=users["penyusun.banggai"], move="ajukan")
    form_move(form=sekretariat, actor=users["sekretaris.banggai"], move="validasi")
    return run


def test_staff_fill_kabid_validates_run_moves_document_shows_capaian(page, live_server, login, demo, screenshot_dir):
    run_url = f"{live_server.url}/alur/{demo.pk}/"
    # The staff of the Subbidang Data fill their Bidang's form.
    login(page, "staf.perencanaan", DEMO_PASSWORD)
    page.get_by_test_id("nav-kinerja").click()
    page.get_by_test_id("open-form-3").click()
    expect(page.get_by_role("heading", name=re.compile("Bidang Perencanaan Umum, Triwulan 1 2026"))).to_be_visible()
    kajian = page.get_by_label("Realisasi Jumlah hasil kajian dan penelitian yang dimanfaatkan", exact=True)
    kajian.fill("2")
    expect(page.locator("#capaian-3")).to_contain_text("100,00%")  # computed on the server as it is typed
    kajian.fill("1,5")
    expect(page.locator("#capaian-3")).to_contain_text("75,00%")
    page.get_by_label("Catatan Jumlah hasil kajian dan penelitian yang dimanfaatkan").fill(
        "Satu kajian masih dalam pembahasan DPRD"
    )
    page.get_by_test_id("save-realisasi").click()
    expect(page.get_by_role("alert")).to_contain_text("Tersimpan")
    page.get_by_test_id("move-ajukan").click()
    expect(page.get_by_role("alert")).to_contain_text("kini diajukan")
    expect(page.get_by_test_id("save-realisasi")).to_have_count(0)  # locked once submitted
    log_out(page)

    # The Kabid sees the data step waiting for nobody, completes it, validates the form, completes validation.
    login(page, "kabid.banggai", DEMO_PASSWORD)
    page.goto(run_url)
    expect(page.get_by_test_id("kinerja-forms-panel")).to_contain_text("Semua form lengkap")
    complete_step(page, 6, "Data kinerja TW I terkumpul dari bidang dan sekretariat")
    expect(page.get_by_test_id("kinerja-missing")).to_contain_text("Bidang Perencanaan Umum belum divalidasi")
    page.get_by_test_id("kinerja-forms-panel").get_by_role("link", name="Buka").first.click()
    expect(page.get_by_test_id("form-status")).to_have_text("Diajukan")
    page.get_by_test_id("move-validasi").click()
    expect(page.get_by_role("alert")).to_contain_text("kini divalidasi")
    page.goto(run_url)
    complete_step(page, 7, "Data kinerja TW I divalidasi")
    expect(page.locator("#current-task")).to_contain_text("Langkah 8 dari 14")
    log_out(page)

    # The document shows the capaian, the predikat and the chart.
    login(page, "kepala.banggai", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/kinerja/dokumen/1/{TAHUN}/tw1/")
    row = page.get_by_test_id("capaian-table").locator("tr", has_text="Jumlah hasil kajian")
    expect(row).to_contain_text("75,00%")
    expect(row).to_contain_text("Sedang")
    expect(page.get_by_test_id("chart-indikator")).to_contain_text("75,00% Sedang")
    page.screenshot(path=str(screenshot_dir / "kinerja-dokumen.png"), full_page=True)
