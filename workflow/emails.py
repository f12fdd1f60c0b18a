"""Notification e-mails: a task assigned, a task sent back, a task overdue. Sent after the transaction commits.

Users without an e-mail address are skipped; the task still shows in their "Tugas saya".
"""

import zoneinfo

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.models import User
from workflow.models import Task


def _task(task_id: int) -> Task | None:
    return (
        Task.objects.select_related("run__sop", "run__opd__pemda", "langkah__pelaksana", "assignee")
        .filter(pk=task_id)
        .first()
    )


def _site_url() -> str:
    return getattr(settings, "WORKFLOW_SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def _send(*, to: User, subject: str, template: str, context: dict) -> bool:
    if not to.email:
        return False
    body = render_to_string(template, {"site_url": _site_url(), **context})
    send_mail(subject, body, None, [to.email])
    return True


def _context(task: Task) -> dict:
    zone = task.run.opd.pemda.zona_waktu
    due = timezone.localtime(task.jatuh_tempo, zoneinfo.ZoneInfo(zone)) if task.jatuh_tempo else None
    return {
        "task": task,
        "run": task.run,
        "due": due,
        "zona": task.run.opd.pemda.zona_singkat,
        "url": _site_url() + reverse("workflow:run-detail", args=[task.run_id]),
        "inbox_url": _site_url() + reverse("workflow:task-inbox"),
    }


def send_task_assigned(task_id: int) -> bool:
    task = _task(task_id)
    if task is None or not task.is_open:
        return False
    subject = _("[SAKIP-SOP] Tugas baru: langkah %(n)s %(judul)s — %(periode)s") % {
        "n": task.urutan,
        "judul": task.run.sop.judul,
        "periode": task.run.periode_tampil,
    }
    return _send(to=task.assignee, subject=subject, template="workflow/email/task_assigned.txt", context=_context(task))


def send_task_returned(task_id: int) -> bool:
    """To the holder of the step the run was sent back to, with the reason."""
    task = _task(task_id)
    if task is None or not task.is_open:
        return False
    returned = task.run.tasks.filter(kembali_ke=task.urutan).select_related("selesai_oleh").order_by("-pk").first()
    subject = _("[SAKIP-SOP] Dikembalikan: langkah %(n)s %(judul)s — %(periode)s") % {
        "n": task.urutan,
        "judul": task.run.sop.judul,
        "periode": task.run.periode_tampil,
    }
    context = {**_context(task), "returned": returned}
    return _send(to=task.assignee, subject=subject, template="workflow/email/task_returned.txt", context=context)


def send_task_overdue(task: Task) -> bool:
    subject = _("[SAKIP-SOP] Terlambat: langkah %(n)s %(judul)s — %(periode)s") % {
        "n": task.urutan,
        "judul": task.run.sop.judul,
        "periode": task.run.periode_tampil,
    }
    return _send(to=task.assignee, subject=subject, template="workflow/email/task_overdue.txt", context=_context(task))
