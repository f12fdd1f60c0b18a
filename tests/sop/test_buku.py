"""Buku SOP: every disahkan SOP in one PDF, with a daftar isi whose page numbers are right."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from sakip.models import Keanggotaan, Opd
from sop.models import BukuSop, Sop
from tests.sakip.factories import OpdFactory, UserFactory
from tests.sop.factories import build_sop
from tests.sop.pdftools import bookmarks, normalise, page_count, pdf_text

BOOK_SIZE = 12


@pytest.fixture
def banggai(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("loaddata", "organisasi", "demo_users", "sop_seeds", verbosity=0)
    return Opd.objects.get(singkatan="Bappeda & Litbang")


def test_member_builds_the_book_and_daftar_isi_points_at_the_right_pages(
    client, banggai, django_capture_on_commit_callbacks
):
    user = UserFactory(roles=[(banggai, Keanggotaan.Peran.PENYUSUN)])
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sop:buku"), {"opd": banggai.pk, "kertas": "A4"}, follow=True)

    buku = BukuSop.objects.get()
    assert response.status_code == 200
    assert (buku.status, buku.jumlah_sop, buku.sop_selesai, buku.persen) == ("selesai", 1, 1, 100)
    download = client.get(reverse("sop:buku-download", args=[buku.pk]))
    pdf = b"".join(download.streaming_content)
    assert page_count(pdf) == buku.jumlah_halaman
    front = normalise(pdf_text(pdf, page=1) + pdf_text(pdf, page=2))
    assert "BUKU STANDAR OPERASIONAL PROSEDUR" in front and "DAFTAR ISI" in front
    start = int(re.search(r"208/050/01/Bappeda & Litbang Pengukuran Kinerja (?:Halaman )?(\d+)", front).group(1))
    assert "Nomor SOP 208/050/01/Bappeda & Litbang" in normalise(pdf_text(pdf, page=start))
    assert "Halaman 1 dari" in normalise(pdf_text(pdf, page=start))


def test_progress_card_and_download_are_404_for_another_opd(client, banggai, outsider):
    buku = BukuSop.objects.create(opd=banggai, status=BukuSop.Status.BERJALAN, jumlah_sop=4, sop_selesai=1)
    member = UserFactory(roles=[(banggai, Keanggotaan.Peran.PENYUSUN)])

    client.force_login(member)
    card = client.get(reverse("sop:buku-progress", args=[buku.pk])).content.decode()
    client.force_login(outsider)

    assert "1 dari 4 SOP dicetak" in card and 'hx-trigger="every 1s"' in card
    assert client.get(reverse("sop:buku-progress", args=[buku.pk])).status_code == 404
    assert client.get(reverse("sop:buku-download", args=[buku.pk])).status_code == 404
    assert client.post(reverse("sop:buku"), {"opd": banggai.pk}).status_code == 404


def test_a_failure_is_reported_on_the_card_not_left_spinning(
    client, banggai, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr("sop.buku.cached_sop_pdf", broken)
    user = UserFactory(roles=[(banggai, Keanggotaan.Peran.PENYUSUN)])
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sop:buku"), {"opd": banggai.pk})

    buku = BukuSop.objects.get()
    assert buku.status == "gagal"
    assert "disk penuh" in buku.pesan
    assert "Buku SOP gagal disusun" in client.get(reverse("sop:buku")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_production_worker_builds_the_book_from_the_database_queue(banggai, settings):
    # Changing TASKS resets django-tasks' backends (its setting_changed receiver).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from sop.buku import buku_request

    buku = buku_request(opd=banggai, paper="F4", user=UserFactory())
    buku.refresh_from_db()
    assert buku.status == "antri"  # queued, not run inside the request

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    buku.refresh_from_db()
    assert buku.status == "selesai"
    assert buku.jumlah_halaman > 2


@pytest.mark.django_db(transaction=True)
def test_a_book_is_queued_by_the_request_and_built_whole_by_the_worker(client, settings, tmp_path, monkeypatch):
    # In production (gunicorn's 30 s limit, ~0.7 s per SOP) a book of 50 SOPs cannot be built inside a request;
    # the request must print nothing at all, and the worker has no such limit.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path
    from sop import buku

    printed = []
    real = buku.cached_sop_pdf
    monkeypatch.setattr(buku, "cached_sop_pdf", lambda sop, paper: printed.append(sop.pk) or real(sop, paper))
    opd = OpdFactory()
    sops = [build_sop(opd=opd, steps=2, columns=1, status=Sop.Status.DISAHKAN) for _ in range(BOOK_SIZE)]
    client.force_login(UserFactory(roles=[(opd, Keanggotaan.Peran.PENYUSUN)]))

    response = client.post(reverse("sop:buku"), {"opd": opd.pk, "kertas": "A4"})
    buku_sop = BukuSop.objects.get()
    assert response.status_code == 302
    assert (buku_sop.status, buku_sop.sop_selesai, printed) == ("antri", 0, [])

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    buku_sop.refresh_from_db()
    assert (buku_sop.status, buku_sop.sop_selesai, buku_sop.jumlah_sop) == ("selesai", BOOK_SIZE, BOOK_SIZE)
    assert sorted(printed) == sorted(sop.pk for sop in sops)
    pdf = buku_sop.berkas.read()
    assert page_count(pdf) == buku_sop.jumlah_halaman >= BOOK_SIZE + 1
    # A bookmark per SOP (in the daftar isi's order) at the page where that SOP starts
    marks = bookmarks(pdf)
    assert marks[0] == ("Sampul dan daftar isi", 1) and len(marks) == BOOK_SIZE + 1
    for title, page in marks[1:]:
        nomor = next(sop.nomor for sop in sops if title == f"{sop.nomor} {sop.judul}")
        sheet = normalise(pdf_text(pdf, page=page))
        assert f"Nomor SOP {nomor}" in sheet and "Halaman 1 dari" in sheet, (title, page)


def test_the_queue_row_of_a_dead_build_is_found_by_the_tasks_own_path():
    from sop.buku import build_buku_sop
    from sop.buku_transitions import BUILD_TASK_PATH

    assert build_buku_sop.module_path == BUILD_TASK_PATH
