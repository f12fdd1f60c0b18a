"""E-mails when a task is assigned, sent back or overdue; the reminder command sends one per task per day."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.workflow.conftest import advance_to, current_task, upload
from workflow.models import Task
from workflow.services import overdue_reminders_send
from workflow.transitions import task_complete, task_reassign, task_send_back

pytestmark = pytest.mark.django_db


def test_the_next_holder_is_emailed_when_a_task_is_assigned(flow_run, kepala, staf, django_capture_on_commit_callbacks):
    task = current_task(flow_run)

    with django_capture_on_commit_callbacks(execute=True):
        task_complete(task=task, actor=kepala, note="Disposisi", upload=upload())

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staf.email]
    assert "Tugas baru: langkah 2" in message.subject
    assert "Menyusun draf laporan" in message.body and f"/alur/{flow_run.pk}/" in message.body
    assert "WITA" in message.body  # due date in the Pemda's zone


def test_the_holder_of_the_earlier_step_is_emailed_with_the_reason(
    flow_run, kepala, staf, django_capture_on_commit_callbacks
):
    task = advance_to(flow_run, 4)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        task_send_back(task=task, actor=kepala, to_step=2, reason="Capaian IKU 1 dihitung ulang")

    assert [m.to for m in mail.outbox] == [[staf.email]]
    assert "Dikembalikan: langkah 2" in mail.outbox[0].subject
    assert "Alasan: Capaian IKU 1 dihitung ulang" in mail.outbox[0].body


def test_reassigned_person_is_emailed(flow_run, sekretaris, colleague, django_capture_on_commit_callbacks):
    task = advance_to(flow_run, 2)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        task_reassign(task=task, actor=sekretaris, to_user=colleague)

    assert [m.to for m in mail.outbox] == [[colleague.email]]


def test_no_email_address_no_email_but_the_task_is_assigned(flow_run, kepala, staf, django_capture_on_commit_callbacks):
    staf.email = ""
    staf.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        task_complete(task=current_task(flow_run), actor=kepala, note="Disposisi", upload=upload())

    assert mail.outbox == []
    assert current_task(flow_run).assignee == staf


def _make_overdue(task: Task) -> None:
    Task.objects.filter(pk=task.pk).update(jatuh_tempo=task.dibuka_pada - datetime.timedelta(hours=1))


def test_overdue_reminders_once_per_task_per_day(flow_run, kepala):
    task = current_task(flow_run)
    _make_overdue(task)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    now = tomorrow.replace(hour=2, minute=0, tzinfo=datetime.UTC)  # 10:00 WITA

    assert overdue_reminders_send(now=now) == 1
    assert overdue_reminders_send(now=now + datetime.timedelta(hours=5)) == 0  # same day in WITA
    assert overdue_reminders_send(now=now + datetime.timedelta(days=1)) == 1  # next day

    assert [m.to for m in mail.outbox] == [[kepala.email], [kepala.email]]
    assert "Terlambat: langkah 1" in mail.outbox[0].subject


def test_on_time_and_closed_tasks_get_no_reminder(flow_run, kepala):
    task = current_task(flow_run)
    assert overdue_reminders_send() == 0  # not yet due
    task_complete(task=task, actor=kepala, note="Disposisi", upload=upload())
    _make_overdue(task)

    assert overdue_reminders_send() == 0
    assert mail.outbox == []


def test_send_overdue_reminders_command_is_idempotent(flow_run, kepala):
    _make_overdue(current_task(flow_run))
    out = StringIO()

    call_command("send_overdue_reminders", stdout=out)
    call_command("send_overdue_reminders", stdout=out)

    assert out.getvalue().splitlines() == ["Pengingat terkirim: 1", "Pengingat terkirim: 0"]
    assert len(mail.outbox) == 1
