"""In a run: the Kepala signs the run's document at the tanda_tangan step; penomoran numbers the surat pengantar."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML

from sakip.models import Keanggotaan
from sakip.states import TransitionError
from sop.models import Langkah, Sop
from tests.sakip.factories import UserFactory
from tests.signing.helpers import PASSPHRASE, give_certificate, pdfsig, qr_codes, validate
from tests.sop.factories import LangkahFactory, PelaksanaFactory, SopFactory
from workflow.models import RoleHolder, Run, Task
from workflow.signing import runs
from workflow.signing.models import DokumenTertandatangan
from workflow.transitions import run_start, task_complete

A = Langkah.Aksi


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def staf(opd):
    return UserFactory(username="staf", roles=[(opd, Keanggotaan.Peran.PENYUSUN)])


@pytest.fixture
def run(opd, kepala, sekretaris, staf):
    sop = SopFactory(opd=opd, status=Sop.Status.DISAHKAN, judul="Pengukuran Kinerja")
    columns = {
        n: PelaksanaFactory(sop=sop, urutan=i, nama=n) for i, n in enumerate(["Kepala", "Sekretaris", "Staf"], 1)
    }
    rows = [
        (1, "Staf", "Menyusun Dokumen Pengukuran Kinerja", "Dokumen Pengukuran Kinerja", A.BIASA),
        (2, "Kepala", "Menandatangani Dokumen Pengukuran Kinerja", "Dokumen ditandatangani", A.TANDA_TANGAN),
        (3, "Sekretaris", "Memberi nomor surat pengantar", "Register nomor", A.PENOMORAN),
        (4, "Staf", "Mengarsipkan", "Arsip", A.ARSIP),
    ]
    for number, column, uraian, output, aksi in rows:
        LangkahFactory(
            sop=sop, urutan=number, pelaksana=columns[column], uraian=uraian, output=output, kelengkapan="", aksi=aksi
        )
    for column, user in (("Kepala", kepala), ("Sekretaris", sekretaris), ("Staf", staf)):
        RoleHolder.objects.create(opd=opd, pelaksana=column, user=user)
    give_certificate(kepala, opd.pemda)
    return run_start(sop=sop, tahun=timezone.localdate().year, periode=Run.Periode.TW1, actor=staf)


def open_task(run) -> Task:
    return Task.objects.select_related("langkah", "run__opd__pemda", "assignee").get(run=run, status="terbuka")


def document_pdf() -> bytes:
    return HTML(string="<h1>Dokumen Pengukuran Kinerja TW I</h1><p>Capaian 97,78%</p>").write_pdf()


def to_signing_step(run) -> Task:
    task = open_task(run)
    task_complete(task=task, actor=task.assignee, note="disusun", upload=SimpleUploadedFile("dpk.pdf", document_pdf()))
    return open_task(run)


def test_the_signing_step_waits_for_the_signature_then_signs_the_uploaded_pdf(run, kepala, opd):
    task = to_signing_step(run)
    assert task.langkah.aksi == A.TANDA_TANGAN
    with pytest.raises(TransitionError, match="Tandatangani dulu"):
        task_complete(task=task, actor=kepala, note="ok", upload=None)
    document = runs.sign_run_document(task=task, actor=kepala, passphrase=PASSPHRASE, base_url="http://testserver")
    pdf = document.berkas.read()
    assert validate(pdf, opd.pemda).bottom_line
    assert "Signature is Valid" in pdfsig(pdf)
    assert qr_codes(pdf) == [f"http://testserver/v/{document.token}/"]
    assert document.jenis == DokumenTertandatangan.Jenis.KINERJA and document.run_id == run.pk
    task_complete(task=task, actor=kepala, note="ditandatangani", upload=None)
    assert open_task(run).langkah.aksi == A.PENOMORAN


def test_penomoran_gives_one_number_per_run(run, kepala, sekretaris):
    task = to_signing_step(run)
    runs.sign_run_document(task=task, actor=kepala, passphrase=PASSPHRASE)
    task_complete(task=task, actor=kepala, note="ditandatangani", upload=None)
    task = open_task(run)
    with pytest.raises(TransitionError, match="nomor surat"):
        task_complete(task=task, actor=sekretaris, note="x", upload=None)
    first = runs.number_surat(task=task, actor=sekretaris)
    assert runs.number_surat(task=task, actor=sekretaris).pk == first.pk
    assert first.teks.startswith("050/001/")
    task_complete(task=task, actor=sekretaris, note="bernomor", upload=None)


def test_only_the_assignee_signs(run, sekretaris):
    task = to_signing_step(run)
    with pytest.raises(TransitionError, match="Hanya"):
        runs.sign_run_document(task=task, actor=sekretaris, passphrase=PASSPHRASE)


def test_the_panel_and_the_sign_button_on_the_run_page(client, run, kepala, sekretaris):
    task = to_signing_step(run)
    client.force_login(kepala)
    page = client.get(run.get_absolute_url()).content.decode()
    assert 'data-testid="run-sign-form"' in page
    wrong = client.post(reverse("signing:run-sign", args=[task.pk]), {"passphrase": "keliru-sekali"}, follow=True)
    assert "Passphrase TTE salah" in wrong.content.decode()
    done = client.post(reverse("signing:run-sign", args=[task.pk]), {"passphrase": PASSPHRASE}, follow=True)
    assert 'data-testid="run-signed"' in done.content.decode()
    client.force_login(sekretaris)
    assert 'data-testid="run-sign-form"' not in client.get(run.get_absolute_url()).content.decode()


def test_the_seed_run_signs_the_generated_dokumen_in_its_signature_block(db, settings, tmp_path):
    """Seed 000 with the demo SAKIP data: step 11 signs the generated Dokumen Pengukuran Kinerja, whose figures
    stay readable, with the signature in the blank space of its signature block."""
    from django.core.management import call_command

    from sakip.models import User
    from tests.sop.pdftools import pdf_text
    from workflow import actions

    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", "workflow_demo", "kinerja_demo", verbosity=0)
    kepala = User.objects.get(username="kepala.banggai")
    give_certificate(
        kepala, kepala.pegawai.opd.pemda if hasattr(kepala.pegawai, "opd") else kepala.keanggotaan.first().opd.pemda
    )
    run = run_start(sop=Sop.objects.get(pk=1), tahun=2026, periode="tw1", actor=kepala)
    generated = actions.run_document(run)
    assert generated.signature_box is not None
    task = Task.objects.get(run=run, status="terbuka")
    task.langkah = Langkah.objects.get(sop_id=1, urutan=11)  # stand at the signing step without walking there
    task.assignee = kepala
    task.save()
    document = runs.sign_run_document(task=task, actor=kepala, passphrase=PASSPHRASE, base_url="http://testserver")
    pdf = document.berkas.read()
    assert validate(pdf, run.opd.pemda).bottom_line
    assert "97,78%" in pdf_text(pdf) and "Ditandatangani secara elektronik" in pdf_text(pdf)
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    field = PdfFileReader(BytesIO(pdf)).embedded_signatures[0].sig_field
    _page, x1, y1, x2, y2 = generated.signature_box
    assert [round(float(v), 1) for v in field["/Rect"]] == [round(v, 1) for v in (x1, y1, x2, y2)]
