"""Pieces every run and task transition uses: the row lock, opening a task, the audit row, uploads."""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.models import User
from sakip.states import TransitionError
from sop.models import Langkah
from workflow import emails, selectors
from workflow.models import Run, RunLog, Task
from workflow.transitions.table import TASK_STATES
from workflow.uploads import check_upload
from workflow.worktime import calendar_for


def lock_run(run_id: int) -> Run:
    try:
        return Run.objects.select_for_update(of=("self",)).select_related("opd__pemda", "sop").get(pk=run_id)
    except Run.DoesNotExist:
        raise TransitionError(_("Pelaksanaan SOP ini tidak ditemukan.")) from None


def lock_task(task: Task) -> tuple[Run, Task]:
    """The run locked, and the task read again under that lock (another person may have just moved it)."""
    run = lock_run(task.run_id)
    task = Task.objects.select_related("langkah__pelaksana", "assignee", "selesai_oleh").get(pk=task.pk)
    task.run = run
    return run, task


def holder_of(run: Run, step: Langkah) -> User:
    """The person who does `step` in the run's OPD; refuses with the role that needs a holder."""
    if step.pelaksana is None:
        raise TransitionError(
            _("Langkah %(n)s tidak punya pelaksana di SOP ini, jadi tidak bisa ditugaskan.") % {"n": step.urutan}
        )
    holder = selectors.role_holder_for(opd_id=run.opd_id, pelaksana=step.pelaksana.nama)
    if holder is None:
        raise TransitionError(
            _(
                "Langkah %(n)s belum bisa dimulai: peran “%(role)s” belum punya pemegang di OPD ini. "
                "Minta Admin OPD, Sekretaris atau Kepala mengisinya di halaman Pemegang peran."
            )
            % {"n": step.urutan, "role": step.pelaksana.nama}
        )
    return holder


_NOTICES = {"assigned": emails.send_task_assigned, "returned": emails.send_task_returned}


def open_task(run: Run, step: Langkah, *, assignee: User, now: datetime.datetime, notify: str | None) -> Task:
    """The task of `step` for its holder, due after the step's Mutu Baku waktu in the Pemda's working time."""
    standard = step.waktu_menit
    due = calendar_for(run.opd.pemda).add(now, standard) if standard > 0 else None
    task = Task.objects.create(
        run=run,
        langkah=step,
        urutan=step.urutan,
        putaran=Task.objects.filter(run=run, urutan=step.urutan).count() + 1,
        status=TASK_STATES.target("open"),
        assignee=assignee,
        dibuka_pada=now,
        jatuh_tempo=due,
        waktu_menit=standard,
    )
    if notify is not None:
        transaction.on_commit(partial(_NOTICES[notify], task.pk), robust=True)
    return task


def close_task(task: Task, *, move: str, actor: User, now: datetime.datetime, **values) -> None:
    """Set the task to the state `move` leads to, with who and when, and any other field given."""
    task.status = TASK_STATES.target(move)
    task.selesai_pada = now
    task.selesai_oleh = actor
    for name, value in values.items():
        setattr(task, name, value)
    task.save(update_fields=["status", "selesai_pada", "selesai_oleh", *values])


def log(run: Run, *, actor: User, aksi: str, dari: str, ke: str, note: str = "", task: Task | None = None) -> RunLog:
    return RunLog.objects.create(run=run, task=task, actor=actor, aksi=aksi, dari=dari, ke=ke, catatan=note)


def checked_file(upload: UploadedFile | None) -> UploadedFile | None:
    if upload is None:
        return None
    try:
        check_upload(upload)
    except ValidationError as error:
        raise TransitionError(" ".join(error.messages)) from None
    return upload


def worked_minutes(run: Run, task: Task, now: datetime.datetime) -> int:
    return calendar_for(run.opd.pemda).minutes_between(task.dibuka_pada, now)
