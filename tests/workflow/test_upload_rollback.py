"""A move that fails after its upload was written leaves no file on disk; one that succeeds keeps it."""

from pathlib import Path

import pytest
from django.core.signals import request_finished
from django.db import transaction

from tests.workflow.conftest import advance_to, current_task, upload
from workflow.transitions import common, task_complete, task_send_back

pytestmark = pytest.mark.django_db(transaction=True)


def files_under(root) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file())


def broken(*args, **kwargs):
    raise RuntimeError("koneksi basis data terputus")


def test_a_completion_that_fails_after_writing_its_file_leaves_no_file(flow_run, kepala, monkeypatch, settings):
    task = current_task(flow_run)
    monkeypatch.setattr(common, "log", broken)  # fails after close_task has written the upload

    with pytest.raises(RuntimeError):
        task_complete(task=task, actor=kepala, note="Disposisi", upload=upload("disposisi.pdf"))

    task.refresh_from_db()
    assert not task.berkas
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_send_back_that_fails_after_writing_its_file_leaves_no_file(flow_run, sekretaris, monkeypatch, settings):
    task = advance_to(flow_run, 3)  # the Sekretaris's keputusan
    before = files_under(settings.MEDIA_ROOT)
    monkeypatch.setattr(common, "open_task", broken)

    with pytest.raises(RuntimeError):
        task_send_back(task=task, actor=sekretaris, to_step=2, reason="Ulangi", upload=upload("catatan.pdf"))

    assert files_under(settings.MEDIA_ROOT) == before
    assert len(before) == 2  # the files of the two steps done are still there


def test_a_completed_task_keeps_its_file(flow_run, kepala, settings):
    task = task_complete(task=current_task(flow_run), actor=kepala, note="Disposisi", upload=upload("disposisi.pdf"))

    task.refresh_from_db()
    assert files_under(settings.MEDIA_ROOT) == [Path(task.berkas.path)]
    assert task.berkas.read().startswith(b"%PDF-")


def test_a_move_rolled_back_by_an_outer_transaction_loses_its_file_when_the_request_ends(flow_run, kepala, settings):
    with pytest.raises(RuntimeError), transaction.atomic():
        task_complete(task=current_task(flow_run), actor=kepala, note="Disposisi", upload=upload("disposisi.pdf"))
        raise RuntimeError("langkah berikutnya gagal")
    assert len(files_under(settings.MEDIA_ROOT)) == 1  # the move itself committed nothing yet, so it could not tell

    request_finished.send(sender=None)

    assert files_under(settings.MEDIA_ROOT) == []
