"""Every stored file works on a storage without local paths: S3 through django-storages, as production offers it.

Each test runs twice: on django-storages' S3Storage against a local S3 server (moto's, over HTTP on loopback), with
the options production builds, and on an in-memory storage. Neither has a path() (both raise NotImplementedError):
uploads, evidence, signed PDFs, the Pemda logo, clean_media and the backup must all go through the Storage API.
What landed is read back past the storage (boto3 on the bucket). The only files allowed on the local disk are the
PDF cache's, MEDIA_ROOT/cache/, a local working folder by design.
"""

import datetime
import io
import json
import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from sakip import backup
from sakip.kinerja import services as kinerja
from sakip.kinerja.models import FormPengukuran
from sakip.models import Keanggotaan
from sop.printing import cached_sop_pdf
from tests.kinerja.factories import IndikatorFactory, SasaranFactory, UnitKerjaFactory
from tests.sakip.factories import PegawaiFactory, UserFactory
from tests.sakip.nonlocal_storage import MemoryFiles
from tests.sakip.s3_server import BucketFiles, S3Server
from tests.signing.helpers import PASSPHRASE, give_certificate, submitted_sop
from tests.sop.factories import build_sop
from tests.workflow import conftest as workflow_setup
from tests.workflow.conftest import PDF_BYTES, current_task, upload
from workflow.signing.services import sign_sop
from workflow.transitions import task_complete

LOGO_SIZE = (37, 23)  # a size no other image of a printed SOP has, so the logo can be told apart
DAY = datetime.timedelta(days=1)

# The workflow tests' small SOP, its run and its staff, as fixtures here too.
flow_sop, flow_run, staf = workflow_setup.flow_sop, workflow_setup.flow_run, workflow_setup.staf


@pytest.fixture(scope="module")
def s3_server():
    with S3Server() as server:
        yield server


@pytest.fixture(autouse=True, params=["s3", "memory"])
def stored(request, settings, tmp_path):
    """The storage under test as the default one; MEDIA_ROOT is where only the PDF cache may appear."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if request.param == "s3":
        server = request.getfixturevalue("s3_server")
        default, files = server.storage_setting(), BucketFiles(server.client)
    else:
        default, files = {"BACKEND": "tests.sakip.nonlocal_storage.MemoryStorage"}, MemoryFiles()
    settings.STORAGES = {**settings.STORAGES, "default": default}
    files.clear()
    yield files
    files.clear()


def files_outside_cache(settings) -> list[str]:
    """Files on the local disk under MEDIA_ROOT but outside its cache folder: there must be none."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "cache"
    )


def logo_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", LOGO_SIZE, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    return [image.image.size for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images]


def test_the_storage_has_no_local_path():
    default_storage.save("a/b.txt", ContentFile(b"x"))
    with pytest.raises(NotImplementedError):
        default_storage.path("a/b.txt")


def test_a_task_upload_is_kept_in_the_storage_and_served_from_it(flow_run, kepala, client, stored, settings):
    task = task_complete(task=current_task(flow_run), actor=kepala, note="Disposisi", upload=upload("disposisi.pdf"))

    assert stored[task.berkas.name][0] == PDF_BYTES
    client.force_login(kepala)
    response = client.get(reverse("workflow:task-file", args=[task.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert files_outside_cache(settings) == []


def test_kinerja_evidence_is_kept_in_the_storage_and_served_from_it(opd, client, stored, settings):
    bidang = UnitKerjaFactory(opd=opd, nama="Bidang Perencanaan Umum")
    staff = UserFactory(username="staf.kinerja", roles=[(opd, Keanggotaan.Peran.PENYUSUN)])
    PegawaiFactory(opd=opd, user=staff, unit=bidang, jabatan="Staf")
    indikator = IndikatorFactory(sasaran=SasaranFactory(opd=opd, tahun=2026), unit=bidang)
    form = FormPengukuran.objects.create(opd=opd, unit=bidang, tahun=2026, triwulan=1)

    bukti = kinerja.bukti_add(
        form=form, indikator=indikator, upload=SimpleUploadedFile("notulen.pdf", PDF_BYTES), user=staff
    )

    assert stored[bukti.berkas.name][0] == PDF_BYTES
    client.force_login(staff)
    response = client.get(reverse("kinerja:bukti", args=[bukti.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert files_outside_cache(settings) == []


def test_a_printed_sop_carries_the_logo_read_through_the_storage(opd, settings):
    opd.pemda.logo.save("banggai.png", ContentFile(logo_png()), save=True)
    sop = build_sop(opd=opd, steps=4)

    path, _hit = cached_sop_pdf(sop, "A4")

    assert LOGO_SIZE in image_sizes(path.read_bytes())
    assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "cache")  # the cache is local on purpose
    assert files_outside_cache(settings) == []


def test_a_signed_sop_with_a_logo_is_stored_served_and_verified_through_the_storage(
    opd, kepala, client, stored, settings
):
    opd.pemda.logo.save("banggai.png", ContentFile(logo_png()), save=True)
    give_certificate(kepala, opd.pemda)
    sop = submitted_sop(opd, kepala)

    signed = sign_sop(sop=sop, actor=kepala, passphrase=PASSPHRASE, base_url="http://testserver")

    pdf = stored[signed.berkas.name][0]
    assert pdf.startswith(b"%PDF-") and LOGO_SIZE in image_sizes(pdf)
    client.force_login(kepala)
    response = client.get(reverse("sop:sop-pdf", args=[sop.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf  # the signed file itself, not a new render
    page = client.get(reverse("signing:verify", args=[signed.token]))
    assert page.status_code == 200
    assert sop.judul in page.content.decode()
    assert files_outside_cache(settings) == []


def test_clean_media_lists_and_deletes_orphans_in_the_storage_and_the_local_cache(flow_run, kepala, stored, settings):
    task = task_complete(task=current_task(flow_run), actor=kepala, note="Disposisi", upload=upload("disposisi.pdf"))
    orphan = default_storage.save("tugas/99/a1b2/lama.pdf", ContentFile(PDF_BYTES))
    recent = default_storage.save("tugas/98/c3d4/baru.pdf", ContentFile(PDF_BYTES))
    for name in (task.berkas.name, orphan):
        stored.age(name, 2 * DAY)
    cache = Path(settings.MEDIA_ROOT) / "cache" / "sop-pdf"
    cache.mkdir(parents=True)
    unused, partial = cache / "0123.pdf", cache / "4567.ab12.tmp"
    for entry in (unused, partial):
        entry.write_bytes(PDF_BYTES)
        old = time.time() - 40 * 86400
        os.utime(entry, (old, old))

    listing = run_clean_media()
    assert orphan in listing and "cache/sop-pdf/0123.pdf" in listing and "cache/sop-pdf/4567.ab12.tmp" in listing
    assert task.berkas.name not in listing and recent not in listing
    assert orphan in stored  # listed only

    run_clean_media("--hapus")
    assert orphan not in stored and not unused.exists() and not partial.exists()
    assert task.berkas.name in stored and recent in stored
    assert "Tidak ada berkas tak terpakai." in run_clean_media()


def run_clean_media(*args: str) -> str:
    out = io.StringIO()
    call_command("clean_media", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_copies_the_storage_and_restores_into_it(opd, stored, settings, tmp_path):
    opd.pemda.logo.save("banggai.png", ContentFile(logo_png()), save=True)
    default_storage.save("tugas/1/e5f6/disposisi.pdf", ContentFile(PDF_BYTES))
    saved = {name: data for name, (data, _modified) in stored.items()}

    call_command("cadangkan", "--output", str(tmp_path / "cadangan"), verbosity=0)

    (folder,) = (tmp_path / "cadangan").iterdir()
    manifest = json.loads((folder / backup.MANIFEST).read_text())
    assert set(manifest["files"]) == set(saved)
    assert all((folder / backup.MEDIA / name).read_bytes() == data for name, data in saved.items())
    stored.clear()
    backup.check_backup(folder, manifest)
    backup._restore_media(folder / backup.MEDIA, manifest["files"])
    assert backup.verify(manifest)[-1].endswith("SHA-256 setiap berkas cocok.")
    assert {name: data for name, (data, _modified) in stored.items()} == saved
    assert files_outside_cache(settings) == []
