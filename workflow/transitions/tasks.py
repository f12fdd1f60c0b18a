"""Moves of a run's current task: complete it, send the run back, reassign it."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip import media
from sakip.models import Keanggotaan, User
from sakip.states import TransitionError, send_after_commit
from sakip.validators import too_long
from workflow import actions, emails, rules, signals
from workflow.models import NOTE_MAX, Run, RunLog, Task
from workflow.transitions import common
from workflow.transitions.table import RUN_STATES, check


def _file_fields(task: Task, upload: UploadedFile | None) -> dict:
    """Write the upload now and register it, so a move that then fails takes its file along."""
    if upload is None:
        return {}
    task.berkas.save(upload.name, upload, save=False)
    media.written(task.berkas)
    return {"berkas": task.berkas}


@media.atomic
def task_complete(*, task: Task, actor: User, note: str, upload: UploadedFile | None = None) -> Task:
    """Finish a step with a note (and its document); the next step's holder gets the task, the last one archives."""
    run, task = common.lock_task(task)
    check(actor, "complete", task)
    if not note.strip():
        raise TransitionError(_("Tuliskan catatan: apa yang sudah dikerjakan pada langkah ini."))
    problems = actions.completion_problems(task)
    if problems:
        raise TransitionError(" ".join(problems))
    upload = common.checked_file(upload)
    if upload is None and rules.needs_document(task.langkah):
        raise TransitionError(
            _("Langkah ini menghasilkan “%(output)s”: unggah berkasnya (PDF, DOCX, XLSX, PNG atau JPEG).")
            % {"output": task.langkah.output or task.langkah.kelengkapan}
        )
    following = rules.next_step(task.langkah, list(run.sop.langkah.select_related("pelaksana")))
    next_holder = common.holder_of(run, following) if following is not None else None

    now = timezone.now()
    common.close_task(task, move="complete", actor=actor, now=now, catatan=note.strip(),
                      menit_kerja=common.worked_minutes(run, task, now), **_file_fields(task, upload))  # fmt: skip
    next_task = None
    if following is None:
        run.status = RUN_STATES.target("archive")
        run.langkah_aktif = None
        run.selesai_pada = now
        run.save(update_fields=["status", "langkah_aktif", "selesai_pada"])
    else:
        next_task = common.open_task(run, following, assignee=next_holder, now=now, notify="assigned")
        run.langkah_aktif = following
        run.save(update_fields=["langkah_aktif"])
    ke = str(following.urutan) if following is not None else run.status
    common.log(run, actor=actor, aksi=RunLog.Aksi.SELESAI, dari=str(task.urutan), ke=ke, note=task.catatan, task=task)
    send_after_commit(signals.task_completed, Task, task=task, run=run, actor=actor, next_task=next_task)
    if following is None:
        send_after_commit(signals.run_archived, Run, run=run, actor=actor)
    return task


@media.atomic
def task_send_back(
    *, task: Task, actor: User, to_step: int | None, reason: str, upload: UploadedFile | None = None
) -> Task:
    """Send the run back from a keputusan or the Kepala's koreksi step to an earlier step, with the reason."""
    run, task = common.lock_task(task)
    check(actor, "send_back", task)
    if not reason.strip():
        raise TransitionError(_("Tuliskan alasan pengembalian agar petugas tahu apa yang harus diperbaiki."))
    if message := too_long(reason.strip(), NOTE_MAX):
        raise TransitionError(message)
    targets = {
        s.urutan: s for s in rules.return_targets(task.langkah, list(run.sop.langkah.select_related("pelaksana")))
    }
    if to_step not in targets:
        raise TransitionError(
            _("Pilih langkah tujuan pengembalian: %(choices)s.")
            % {"choices": ", ".join(str(n) for n in sorted(targets)) or "—"}
        )
    target = targets[to_step]
    holder = common.holder_of(run, target)
    upload = common.checked_file(upload)

    now = timezone.now()
    common.close_task(task, move="send_back", actor=actor, now=now, catatan=reason.strip(), kembali_ke=target.urutan,
                      menit_kerja=common.worked_minutes(run, task, now), **_file_fields(task, upload))  # fmt: skip
    next_task = common.open_task(run, target, assignee=holder, now=now, notify="returned")
    run.langkah_aktif = target
    run.save(update_fields=["langkah_aktif"])
    common.log(run, actor=actor, aksi=RunLog.Aksi.KEMBALI, dari=str(task.urutan), ke=str(target.urutan),
               note=task.catatan, task=task)  # fmt: skip
    send_after_commit(signals.task_returned, Task, task=task, run=run, actor=actor, next_task=next_task,
                      reason=task.catatan)  # fmt: skip
    return task


@transaction.atomic
def task_reassign(*, task: Task, actor: User, to_user: User, note: str = "") -> Task:
    """The Kepala or Sekretaris gives an open task to another member of the OPD."""
    run, task = common.lock_task(task)
    check(actor, "reassign", task)
    if not Keanggotaan.objects.filter(user=to_user, opd_id=run.opd_id, user__is_active=True).exists():
        raise TransitionError(_("Tugas hanya bisa dialihkan kepada pegawai OPD ini."))
    if to_user.pk == task.assignee_id:
        raise TransitionError(_("Tugas ini sudah dipegang %(who)s.") % {"who": to_user})
    previous = task.assignee
    task.assignee = to_user
    task.dialihkan_oleh = actor
    task.save(update_fields=["assignee", "dialihkan_oleh"])
    text = _("Dialihkan dari %(old)s kepada %(new)s.") % {"old": previous, "new": to_user}
    if note.strip():
        text = f"{text} {note.strip()}"
    if to_user.pk != actor.pk:
        transaction.on_commit(lambda: emails.send_task_assigned(task.pk), robust=True)
    common.log(run, actor=actor, aksi=RunLog.Aksi.ALIH, dari=str(task.urutan), ke=str(task.urutan), note=text,
               task=task)  # fmt: skip
    send_after_commit(signals.task_reassigned, Task, task=task, run=run, actor=actor, previous=previous)
    return task
