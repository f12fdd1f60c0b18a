"""People, a small SOP and files for the workflow tests.

The small SOP has every kind of step a run meets: a disposisi by the Kepala (a document), a draf by the staff
(a document), a keputusan by the Sekretaris (Tidak → back to 2), the Kepala's koreksi, and the arsip.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from sakip.models import Keanggotaan, User
from sop.models import Langkah, Sop
from tests.sakip.factories import UserFactory
from tests.sop.factories import LangkahFactory, PelaksanaFactory, SopFactory, SopItemFactory
from workflow import rules
from workflow.models import RoleHolder, Run, Task
from workflow.transitions import run_start, task_complete

Peran = Keanggotaan.Peran
SEED_FIXTURES = ["organisasi", "demo_users", "sop_seeds", "workflow_demo"]

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


def office_bytes(kind: str) -> bytes:
    """A minimal but real-shaped DOCX or XLSX: a zip with [Content_Types].xml and the main part."""
    main = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[kind]
    content_type = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    }[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{main}" ContentType="{content_type}"/></Types>',
        )
        archive.writestr(main, "<root/>")
    return buffer.getvalue()


def upload(name: str = "hasil.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# Runs are started for a plausible year (this year ± 1), so the tests start them for this one.
YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staf(opd):
    """Alice's colleague who holds the "Staf" role and does the draf."""
    return UserFactory(username="staf", email="staf@example.go.id", roles=[(opd, Peran.PENYUSUN)])


@pytest.fixture
def colleague(opd):
    """Bob: a member of the same OPD who holds no role in the SOP."""
    return UserFactory(username="bob", email="bob@example.go.id", roles=[(opd, Peran.PENYUSUN)])


@pytest.fixture
def flow_sop(opd, kepala, sekretaris, staf) -> Sop:
    kepala.email = "kepala@example.go.id"
    kepala.save(update_fields=["email"])
    sop = SopFactory(opd=opd, status=Sop.Status.DISAHKAN, judul="Penyusunan Laporan Kinerja")
    SopItemFactory(sop=sop, teks="Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP")
    columns = {
        name: PelaksanaFactory(sop=sop, urutan=i + 1, nama=name)
        for i, name in enumerate(["Kepala Badan", "Sekretaris", "Staf Perencanaan"])
    }
    S = Langkah.Simbol
    rows = [
        (1, "Kepala Badan", S.TERMINATOR, "Memerintahkan penyusunan laporan", "Lembar disposisi", 15),
        (2, "Staf Perencanaan", S.PROSES, "Menyusun draf laporan", "Draf laporan", 60),
        (3, "Sekretaris", S.KEPUTUSAN, "Memeriksa kelengkapan draf", "Hasil pemeriksaan", 30),
        (4, "Kepala Badan", S.PROSES, "Kepala Badan mengoreksi draf laporan", "Catatan koreksi", 60),
        (5, "Staf Perencanaan", S.TERMINATOR, "Mengarsipkan berkas", "Arsip", 10),
    ]
    for number, column, simbol, uraian, output, minutes in rows:
        LangkahFactory(
            sop=sop, urutan=number, pelaksana=columns[column], simbol=simbol, uraian=uraian, output=output,
            kelengkapan="", waktu_nilai=minutes, ya_ke=4 if number == 3 else None, tidak_ke=2 if number == 3 else None,
            aksi=Langkah.Aksi.KOREKSI if number == 4 else Langkah.Aksi.BIASA,
        )  # fmt: skip
    for column, user in (("Kepala Badan", kepala), ("Sekretaris", sekretaris), ("Staf Perencanaan", staf)):
        RoleHolder.objects.create(opd=opd, pelaksana=column, user=user)
    return sop


def current_task(run: Run) -> Task:
    return Task.objects.select_related("assignee", "langkah").get(run=run, status=Task.Status.TERBUKA)


def complete_current(run: Run, *, note: str = "Selesai dikerjakan", actor: User | None = None) -> Task:
    task = current_task(run)
    file = upload() if rules.needs_document(task.langkah) else None
    return task_complete(task=task, actor=actor or task.assignee, note=note, upload=file)


def advance_to(run: Run, step: int) -> Task:
    """Complete steps until the run stands at `step`; returns that open task."""
    for _ in range(50):
        task = current_task(run)
        if task.urutan == step:
            return task
        complete_current(run)
    raise AssertionError(f"run never reached step {step}")


@pytest.fixture
def flow_run(flow_sop, kepala) -> Run:
    return run_start(sop=flow_sop, tahun=YEAR, periode=Run.Periode.TW1, actor=kepala)


@pytest.fixture
def seeded(db):
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)


@pytest.fixture
def banggai(seeded) -> dict[str, User]:
    names = ["kepala", "sekretaris", "kabid", "penyusun", "admin"]
    users = {u.username.split(".")[0]: u for u in User.objects.filter(username__in=[f"{n}.banggai" for n in names])}
    users["outsider"] = User.objects.get(username="penyusun.banyumas")
    return users
