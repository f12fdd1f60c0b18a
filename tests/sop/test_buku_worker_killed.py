"""A task worker killed (SIGKILL) while it prints the Buku SOP: the book is not left "berjalan" for ever.

Real processes, as in production: `manage.py db_worker` with the database queue, killed mid-book; the page marks the
book failed once it has been silent for BUKU_SOP_STALE_SECONDS, Coba lagi queues it again, a new worker builds it
whole, and the storage holds the finished book and nothing half-written.

django-tasks-db keeps the killed run's task RUNNING (it has no heartbeat and never takes a RUNNING task again), so
the book's own heartbeat is what notices the death; the book's failure marks that task failed too, and the retry
enqueues a fresh one.
"""

import datetime
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from sakip import media
from sakip.models import Keanggotaan
from sop.models import BukuSop, Sop
from sop.printing import cached_sop_pdf
from tests.sakip.factories import OpdFactory, UserFactory
from tests.sop.factories import build_sop
from tests.sop.pdftools import normalise, pdf_text

ROOT = Path(__file__).resolve().parents[2]
BOOK_SIZE = 8
STALE_SECONDS = 3

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="butuh PostgreSQL: pekerja di proses lain harus melihat basis data uji (SQLite uji ada di memori)",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def queue(settings, tmp_path):
    """The test's side of production: the database queue, the media folder the workers write to, a short silence."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SOP_IMPORT_DIR = str(tmp_path / "impor")  # the orphans it counts are this test's alone
    settings.BUKU_SOP_STALE_SECONDS = STALE_SECONDS
    return tmp_path / "media"


def worker_environment(media_root: Path) -> dict:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="sakip.settings.test",
        DATABASE_URL=f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        MEDIA_ROOT=str(media_root),
        BUKU_SOP_STALE_SECONDS=str(STALE_SECONDS),
    )
    return env


def start_worker(media_root: Path, log: Path, *args: str) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2", *args]
    with log.open("ab") as handle:
        return subprocess.Popen(command, cwd=ROOT, env=worker_environment(media_root), stdout=handle, stderr=handle)


def wait_until_printing(buku: BukuSop, worker: subprocess.Popen, log: Path, at_least: int) -> BukuSop:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        buku.refresh_from_db()
        if buku.status == BukuSop.Status.BERJALAN and buku.sop_selesai >= at_least:
            return buku
        assert worker.poll() is None, log.read_text()
        time.sleep(0.05)
    raise AssertionError(f"pekerja tidak mulai mencetak: {buku.status} {buku.sop_selesai}\n{log.read_text()}")


def files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def test_a_book_whose_worker_was_killed_fails_is_retried_and_built_whole(client, queue, tmp_path):
    opd = OpdFactory()
    sops = [build_sop(opd=opd, steps=8, columns=3, status=Sop.Status.DISAHKAN) for _ in range(BOOK_SIZE)]
    client.force_login(UserFactory(roles=[(opd, Keanggotaan.Peran.PENYUSUN)]))
    log = tmp_path / "worker.log"
    client.post(reverse("sop:buku"), {"opd": opd.pk, "kertas": "A4"})
    buku = BukuSop.objects.get()
    card_url = reverse("sop:buku-progress", args=[buku.pk])

    worker = start_worker(queue, log)
    try:
        buku = wait_until_printing(buku, worker, log, at_least=2)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()

    buku.refresh_from_db()
    assert (buku.status, buku.berkas.name) == (BukuSop.Status.BERJALAN, "")
    assert 2 <= buku.sop_selesai < BOOK_SIZE  # killed in the middle of the book
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["RUNNING"]  # nobody will take it again
    assert 'hx-trigger="every 1s"' in client.get(card_url).content.decode()  # not yet silent for long enough

    time.sleep(max(0.0, buku.denyut_pada.timestamp() + STALE_SECONDS + 0.2 - time.time()))
    card = client.get(card_url).content.decode()
    buku.refresh_from_db()
    assert buku.status == BukuSop.Status.GAGAL
    assert "Pekerja latar belakang berhenti" in card and "Coba lagi" in card and "hx-trigger" not in card
    assert f"{buku.sop_selesai} dari {BOOK_SIZE} SOP" in buku.pesan
    dead = DBTaskResult.objects.get()
    assert (dead.status, dead.traceback) == ("FAILED", buku.pesan)  # the queue no longer shows it running

    assert client.post(reverse("sop:buku-retry", args=[buku.pk])).status_code == 302
    assert BukuSop.objects.get(pk=buku.pk).status == BukuSop.Status.ANTRI
    second = start_worker(queue, log, "--batch")
    assert second.wait(timeout=60) == 0, log.read_text()

    buku.refresh_from_db()
    assert (buku.status, buku.sop_selesai, buku.jumlah_sop) == (BukuSop.Status.SELESAI, BOOK_SIZE, BOOK_SIZE)
    assert list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True)) == [
        "FAILED",  # the killed run's task, marked when the book was
        "SUCCESSFUL",  # the fresh one the retry enqueued
    ]
    pdf = b"".join(client.get(reverse("sop:buku-download", args=[buku.pk])).streaming_content)
    sop_pages = sum(len(PdfReader(cached_sop_pdf(sop, "A4")[0]).pages) for sop in sops)
    front = buku.jumlah_halaman - sop_pages
    first = min(sops, key=lambda sop: (sop.nomor, sop.judul, sop.pk))
    assert len(PdfReader(io.BytesIO(pdf)).pages) == buku.jumlah_halaman
    assert "DAFTAR ISI" in normalise(pdf_text(pdf, page=front))
    assert f"Nomor SOP {first.nomor}" in normalise(pdf_text(pdf, page=front + 1))

    assert files_under(queue / "buku-sop") == [Path(buku.berkas.name).name]
    assert files_under(queue / media.CACHE_ROOT / "buku-sop") == []  # the join's work folder went with it
    left = [orphan.name for orphan in media.orphans(min_age=datetime.timedelta(0))]
    assert all(name.startswith(f"{media.CACHE_ROOT}/sop-pdf/") and name.endswith(".tmp") for name in left), left
