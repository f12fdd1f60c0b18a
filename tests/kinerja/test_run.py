"""The seed run (000, Bappeda & Litbang Banggai) meets the demo data: its data and validation steps wait for the
forms, the task page shows who is missing, and the run's document is the generated Dokumen Pengukuran Kinerja."""

import datetime
import re
import subprocess
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sakip.kinerja.models import FormPengukuran
from sakip.kinerja.report import laporan
from sakip.kinerja.transitions import form_move
from sakip.models import Opd, User
from sop.models import Sop
from workflow import actions, rules
from workflow.models import Run, Task
from workflow.transitions import TransitionError, run_start, task_complete

pytestmark = pytest.mark.django_db
TAHUN = 2026
FIXTURES = ["organisasi", "demo_users", "sop_seeds", "workflow_demo", "kinerja_demo"]


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("loaddata", *FIXTURES, verbosity=0)
    return {u.username: u for u in User.objects.all()}


def current(run) -> Task:
    return Task.objects.select_related("langkah", "run").get(run=run, status="terbuka")


def advance_to(run, step: int):
    for _ in range(20):
        task = current(run)
        if task.urutan == step:
            return task
        file = SimpleUploadedFile("l.pdf", b"%PDF-1.4\n%%EOF\n") if rules.needs_document(task.langkah) else None
        task_complete(task=task, actor=task.assignee, note="selesai", upload=file)
    raise AssertionError(step)


def test_data_and_validation_steps_wait_for_every_unit(demo, client):
    run = run_start(sop=Sop.objects.get(pk=1), tahun=TAHUN, periode="tw1", actor=demo["kepala.banggai"])
    task = advance_to(run, 6)
    assert task.langkah.aksi == "isi_data"
    problems = actions.completion_problems(task)
    assert problems == [
        "Form Pengukuran Kinerja TW I 2026 Bidang Perencanaan Umum belum diajukan",
        "Form Pengukuran Kinerja TW I 2026 Sekretariat belum diajukan",
    ]
    file = None
    with pytest.raises(TransitionError, match="Bidang Perencanaan Umum belum diajukan"):
        task_complete(task=task, actor=task.assignee, note="data terkumpul", upload=file)
    client.force_login(task.assignee)
    page = client.get(run.get_absolute_url()).content.decode()
    assert 'data-testid="kinerja-forms-panel"' in page and "Sekretariat belum diajukan" in page

    opd = Opd.objects.get(pk=1)
    forms = {}
    for unit_id, staff in ((3, "staf.perencanaan"), (1, "penyusun.banggai")):
        forms[unit_id] = FormPengukuran.objects.create(opd=opd, unit_id=unit_id, tahun=TAHUN, triwulan=1)
        form_move(form=forms[unit_id], actor=demo[staff], move="ajukan")
    pdf = SimpleUploadedFile("data.pdf", b"%PDF-1.4\n%%EOF\n")
    task_complete(task=task, actor=task.assignee, note="data terkumpul", upload=pdf)
    task = current(run)
    assert task.langkah.aksi == "validasi"
    assert actions.completion_problems(task) == [
        "Form Pengukuran Kinerja TW I 2026 Bidang Perencanaan Umum belum divalidasi",
        "Form Pengukuran Kinerja TW I 2026 Sekretariat belum divalidasi",
    ]
    form_move(form=forms[3], actor=demo["kabid.banggai"], move="validasi")
    form_move(form=forms[1], actor=demo["sekretaris.banggai"], move="validasi")
    assert actions.completion_problems(task) == []


def test_run_document_is_the_generated_pdf_with_the_computed_figures(demo, tmp_path):
    run = run_start(sop=Sop.objects.get(pk=1), tahun=TAHUN, periode="tw1", actor=demo["kepala.banggai"])
    document = actions.run_document(run)
    assert document.content.startswith(b"%PDF") and document.filename.endswith("-2026-tw1.pdf")
    path = tmp_path / "dokumen.pdf"
    path.write_bytes(document.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    report = laporan(Opd.objects.get(pk=1), TAHUN, "tw1")
    printed = re.findall(r"\d{1,3}(?:\.\d{3})*,\d{2}%", text.split("1. Capaian")[0])
    expected = [f"{row.capaian.nilai:.2f}".replace(".", ",") + "%" for row in report.baris if row.capaian.nilai]
    assert printed == expected and expected == ["100,00%", "97,78%", "50,00%", "125,00%"]
    assert "MOH. RAMLI TONGKO" in text and "Capaian = Realisasi ÷ Target × 100%" in text
    assert report.baris[1].capaian.nilai == D("97.78")


def test_a_run_of_an_sop_without_data_step_has_no_generated_document(demo):
    run = Run(sop=Sop.objects.get(pk=1), opd_id=1, tahun=2031, periode="tw1")
    assert actions.run_document(run) is None  # no indikator for that year
    assert 2026 in actions.period_years(Opd.objects.get(pk=1), datetime.date(2030, 1, 1))
