"""The Buku SOP state table: named moves, one log row per change of state, signals, stale jobs and retry."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sakip.models import Keanggotaan
from sakip.states import TransitionError
from sop import buku_transitions as bt
from sop import signals
from sop.buku import build_buku_sop
from sop.models import BukuSop, BukuSopLog, Sop
from tests.sakip.factories import UserFactory
from tests.sop.factories import build_sop

B = BukuSop.Status
MOVES = {
    "start": lambda buku: bt.buku_start(buku=buku, jumlah_sop=1),
    "progress": lambda buku: bt.buku_progress(buku=buku, sop_selesai=1),
    "finish": lambda buku: bt.buku_finish(buku=buku, berkas="buku-sop/x.pdf", jumlah_halaman=3),
    "fail": lambda buku: bt.buku_fail(buku=buku, pesan="rusak"),
    "retry": lambda buku: bt.buku_retry(buku=buku, actor=None),
}
TARGET = {"start": B.BERJALAN, "progress": B.BERJALAN, "finish": B.SELESAI, "fail": B.GAGAL, "retry": B.ANTRI}


@pytest.fixture
def member(opd):
    return UserFactory(roles=[(opd, Keanggotaan.Peran.PENYUSUN)])


@pytest.mark.parametrize("state", B.values)
@pytest.mark.parametrize("move", list(MOVES))
def test_every_move_from_every_state_follows_the_table(opd, move, state):
    buku = BukuSop.objects.create(opd=opd, status=state)

    if bt.BUKU_STATES.allows(move, state):
        moved = MOVES[move](buku)
        assert moved.status == TARGET[move]
        logs = list(BukuSopLog.objects.filter(buku=buku).values_list("langkah", "dari", "ke"))
        assert logs == ([] if TARGET[move] == state else [(move, state, TARGET[move])])
    else:
        with pytest.raises(TransitionError):
            MOVES[move](buku)
        buku.refresh_from_db()
        assert buku.status == state and not BukuSopLog.objects.exists()


def test_a_build_logs_start_and_finish_and_signals_after_commit(
    opd, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    build_sop(opd=opd, steps=2, columns=1, status=Sop.Status.DISAHKAN)
    buku = BukuSop.objects.create(opd=opd)
    heard = []
    receiver = lambda sender, buku, actor, **kw: heard.append((buku.pk, buku.status))  # noqa: E731
    signals.buku_finished.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            build_buku_sop.call(buku.pk)
            assert heard == []  # not before the commit
        for callback in callbacks:
            callback()
    finally:
        signals.buku_finished.disconnect(receiver)

    buku.refresh_from_db()
    assert heard == [(buku.pk, B.SELESAI)]
    assert list(buku.log.values_list("langkah", "dari", "ke")) == [
        ("start", B.ANTRI, B.BERJALAN),
        ("finish", B.BERJALAN, B.SELESAI),
    ]
    assert buku.denyut_pada is not None and buku.sop_selesai == 1
    assert buku.berkas.name.startswith("buku-sop/") and len(buku.berkas.name) == len("buku-sop/") + 32 + 4


def test_a_book_whose_worker_died_fails_stops_polling_and_offers_a_retry(client, opd, member, settings):
    settings.BUKU_SOP_STALE_SECONDS = 60
    long_ago = timezone.now() - datetime.timedelta(seconds=61)
    dead = BukuSop.objects.create(opd=opd, status=B.BERJALAN, jumlah_sop=80, sop_selesai=45, denyut_pada=long_ago)
    alive = BukuSop.objects.create(opd=opd, status=B.BERJALAN, jumlah_sop=80, sop_selesai=3, denyut_pada=timezone.now())
    client.force_login(member)

    dead_card = client.get(reverse("sop:buku-progress", args=[dead.pk])).content.decode()
    alive_card = client.get(reverse("sop:buku-progress", args=[alive.pk])).content.decode()

    dead.refresh_from_db()
    assert dead.status == B.GAGAL and "45 dari 80 SOP" in dead.pesan
    assert "hx-trigger" not in dead_card and "Coba lagi" in dead_card and "Pekerja latar belakang berhenti" in dead_card
    assert list(dead.log.values_list("langkah", "ke")) == [("fail", B.GAGAL)]
    assert 'hx-trigger="every 1s"' in alive_card and BukuSop.objects.get(pk=alive.pk).status == B.BERJALAN
    with pytest.raises(TransitionError):  # the worker, should it wake up, cannot overwrite the failure
        bt.buku_progress(buku=dead, sop_selesai=46)


def test_a_book_no_worker_ever_took_is_failed_on_the_list_page(client, opd, member, settings):
    settings.BUKU_SOP_STALE_SECONDS = 60
    queued = BukuSop.objects.create(opd=opd)
    BukuSop.objects.filter(pk=queued.pk).update(dibuat_pada=timezone.now() - datetime.timedelta(minutes=5))
    client.force_login(member)

    page = client.get(reverse("sop:buku")).content.decode()

    assert "tidak diambil pekerja latar belakang" in page and "db_worker" in page
    assert BukuSop.objects.get(pk=queued.pk).status == B.GAGAL


@pytest.mark.django_db(transaction=True)
def test_a_book_failed_before_any_worker_took_it_is_built_once_after_the_retry(client, opd, member, settings):
    """Its queued task is failed with the book: the worker that finally comes builds the retried book once, and the
    old task is not taken as a second build."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.BUKU_SOP_STALE_SECONDS = 60
    build_sop(opd=opd, steps=2, columns=1, status=Sop.Status.DISAHKAN)
    client.force_login(member)
    client.post(reverse("sop:buku"), {"opd": opd.pk, "kertas": "A4"})
    queued = BukuSop.objects.get()
    BukuSop.objects.filter(pk=queued.pk).update(dibuat_pada=timezone.now() - datetime.timedelta(minutes=5))

    client.get(reverse("sop:buku"))  # the list page finds it stale
    old = DBTaskResult.objects.get()
    assert BukuSop.objects.get().status == B.GAGAL
    assert (old.status, old.exception_class_path) == ("FAILED", "sop.buku_transitions.NotTaken")
    assert "tidak diambil pekerja" in old.traceback

    assert client.post(reverse("sop:buku-retry", args=[queued.pk])).status_code == 302
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert BukuSop.objects.get().status == B.SELESAI
    assert list(BukuSopLog.objects.filter(langkah="start").values_list("ke", flat=True)) == [B.BERJALAN]  # once
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "SUCCESSFUL"]


def test_retry_rebuilds_a_failed_book_and_is_404_for_another_opd(
    client, opd, member, outsider, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    build_sop(opd=opd, steps=2, columns=1, status=Sop.Status.DISAHKAN)
    failed = BukuSop.objects.create(opd=opd, status=B.GAGAL, pesan="Buku SOP gagal disusun: disk penuh.")
    url = reverse("sop:buku-retry", args=[failed.pk])

    client.force_login(outsider)
    assert client.post(url).status_code == 404
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    failed.refresh_from_db()
    assert response.status_code == 302
    assert (failed.status, failed.pesan, failed.sop_selesai) == (B.SELESAI, "", 1)
    assert list(failed.log.values_list("langkah", "actor")) == [("retry", member.pk), ("start", None), ("finish", None)]
    assert client.post(url).status_code == 302 and BukuSop.objects.get(pk=failed.pk).status == B.SELESAI


@pytest.mark.django_db(transaction=True)
def test_a_finish_refused_because_the_book_moved_meanwhile_leaves_no_file(opd, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    build_sop(opd=opd, steps=2, columns=1, status=Sop.Status.DISAHKAN)
    buku = BukuSop.objects.create(opd=opd)

    def already_failed(**kwargs):
        raise TransitionError("Buku ini sudah ditandai gagal.")

    monkeypatch.setattr("sop.buku.buku_finish", already_failed)
    build_buku_sop.call(buku.pk)

    assert list((tmp_path / "buku-sop").iterdir()) == []
    assert BukuSop.objects.get(pk=buku.pk).berkas == ""
