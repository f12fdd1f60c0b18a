"""The seed SOP 000 (Pengukuran Kinerja, Bappeda & Litbang Kab. Banggai) carried out from disposisi to arsip."""

import pytest
from django.urls import reverse
from weasyprint import HTML

from sop.models import Sop
from tests.signing.helpers import PASSPHRASE, give_certificate
from tests.workflow.conftest import YEAR, current_task, upload
from workflow import rules
from workflow.models import HariLibur, Run, RunLog, Task
from workflow.selectors import roles_without_holder
from workflow.signing import runs
from workflow.signing.models import DokumenTertandatangan
from workflow.transitions import TransitionError, run_start, task_complete, task_send_back

pytestmark = pytest.mark.django_db
REAL_PDF = HTML(string="<h1>Dokumen Pengukuran Kinerja</h1>").write_pdf()

# Who does each step, by the role holders of fixtures/workflow_demo.json.
ASSIGNEE = {1: "kepala", 2: "penyusun", 3: "penyusun", 4: "penyusun", 5: "penyusun", 6: "kabid", 7: "kabid",
            8: "kabid", 9: "kepala", 10: "sekretaris", 11: "kepala", 12: "penyusun", 13: "penyusun",
            14: "penyusun"}  # fmt: skip


def test_seed_000_runs_through_all_14_steps_to_arsip_with_one_correction(banggai, client):
    sop = Sop.objects.get(pk=1)
    run = run_start(sop=sop, tahun=YEAR, periode=Run.Periode.TW1, actor=banggai["kepala"])
    corrected = False

    for _ in range(20):
        run.refresh_from_db()
        if run.status == Run.Status.ARSIP:
            break
        task = current_task(run)
        assert task.assignee == banggai[ASSIGNEE[task.urutan]], f"langkah {task.urutan}"
        if task.urutan == 9 and not corrected:
            # The Kepala's koreksi: back to the Kabid's validation with the reason.
            assert rules.is_koreksi(task.langkah)
            task_send_back(
                task=task, actor=banggai["kepala"], to_step=7, reason="Realisasi IKU 2 belum sesuai data BPS"
            )
            corrected = True
            continue
        if task.langkah.aksi == "tanda_tangan":  # the Kepala signs the document of step 10 (workflow.signing)
            give_certificate(task.assignee, run.opd.pemda)
            runs.sign_run_document(task=task, actor=task.assignee, passphrase=PASSPHRASE)
        if task.langkah.aksi == "penomoran":
            runs.number_surat(task=task, actor=task.assignee)
        document = upload(f"langkah-{task.urutan}.pdf", REAL_PDF)
        file = document if rules.needs_document(task.langkah) else None
        task_complete(task=task, actor=task.assignee, note=f"Langkah {task.urutan} selesai", upload=file)

    run.refresh_from_db()
    assert (run.status, run.langkah_aktif, run.sop_id) == ("arsip", None, 1)
    tasks = list(Task.objects.filter(run=run).order_by("pk"))
    assert [t.urutan for t in tasks] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 7, 8, 9, 10, 11, 12, 13, 14]
    assert [t.putaran for t in tasks if t.urutan == 7] == [1, 2]
    assert sum(t.status == "dikembalikan" for t in tasks) == 1
    assert all(t.status in ("selesai", "dikembalikan") for t in tasks)
    log = list(RunLog.objects.filter(run=run).values_list("aksi", "dari", "ke"))
    assert log[0] == ("mulai", "", "1")
    assert ("kembali", "9", "7") in log
    assert log[-1] == ("selesai", "14", "arsip")
    assert len(log) == 1 + 17  # start, 16 steps completed, 1 sent back

    # Every step of seed 000 names a document as its output, so each completed step carries its file; the signing
    # step's output is the signed document itself.
    assert all(t.berkas for t in tasks if t.status == "selesai" and t.urutan != 11)
    assert DokumenTertandatangan.objects.filter(run=run).count() == 1

    # An archived run is read-only.
    with pytest.raises(TransitionError, match="diarsipkan"):
        task_complete(task=tasks[-1], actor=banggai["penyusun"], note="lagi", upload=upload())

    client.force_login(banggai["kepala"])
    page = client.get(reverse("workflow:run-detail", args=[run.pk])).content.decode()
    assert "Selesai dan diarsipkan" in page
    assert "Dikembalikan ke langkah 7" in page and "Realisasi IKU 2 belum sesuai data BPS" in page
    assert 'data-testid="complete-form"' not in page


def test_seed_roles_of_every_demo_opd_have_holders(seeded):
    for sop in Sop.objects.all():
        assert roles_without_holder(sop=sop) == [], sop


def test_seed_holidays_are_national_2026_days(seeded):
    days = set(HariLibur.objects.values_list("tanggal", flat=True))
    assert len(days) >= 10
    assert all(d.year == 2026 for d in days)
    assert not HariLibur.objects.filter(pemda__isnull=False).exists()
