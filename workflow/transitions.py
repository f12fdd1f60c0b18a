"""Every state transition of a run: start, complete a step, send back, reassign, cancel.

Nothing else assigns Run.status, Run.langkah_aktif or Task.status. Each transition locks the run row
(select_for_update), checks the state and the actor's permission (workflow.permissions), saves with
update_fields and writes exactly one RunLog row. Of two people completing the same task at once, the second
waits for the first's lock, then finds the task done and gets a TransitionError saying so.
"""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sakip.models import Keanggotaan, User
from sop.models import Langkah, Sop
from workflow import actions, emails, permissions, rules, selectors
from workflow.models import Run, RunLog, Task
from workflow.uploads import check_upload
from workflow.worktime import calendar_for


class TransitionError(Exception):
    """The run is not in a state that allows this, or the user may not do it."""


def _lock_run(run_id: int) -> Run:
    try:
        return Run.objects.select_for_update(of=("self",)).select_related("opd__pemda", "sop").get(pk=run_id)
    except Run.DoesNotExist:
        raise TransitionError(_("Pelaksanaan SOP ini tidak ditemukan.")) from None


def _reload_task(task_id: int, run: Run) -> Task:
    task = Task.objects.select_related("langkah__pelaksana", "assignee", "selesai_oleh").get(pk=task_id)
    task.run = run
    return task


def _when(moment: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "j F Y H:i") if moment else ""


def _check_task_is_current(run: Run, task: Task) -> None:
    if run.status == Run.Status.ARSIP:
        raise TransitionError(_("Pelaksanaan ini sudah selesai dan diarsipkan; isinya tidak bisa diubah lagi."))
    if run.status == Run.Status.DIBATALKAN:
        raise TransitionError(_("Pelaksanaan ini sudah dibatalkan; isinya tidak bisa diubah lagi."))
    if task.status != Task.Status.TERBUKA:
        who = task.selesai_oleh or _("orang lain")
        raise TransitionError(
            _("Langkah %(n)s sudah ditindaklanjuti oleh %(who)s pada %(when)s. Muat ulang halaman untuk melihatnya.")
            % {"n": task.urutan, "who": who, "when": _when(task.selesai_pada)}
        )


def _holder_of(run: Run, step: Langkah) -> User:
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


def _open_task(run: Run, step: Langkah, *, assignee: User, now: datetime.datetime, notify: str | None) -> Task:
    standard = step.waktu_menit
    due = calendar_for(run.opd.pemda).add(now, standard) if standard > 0 else None
    task = Task.objects.create(
        run=run,
        langkah=step,
        urutan=step.urutan,
        putaran=Task.objects.filter(run=run, urutan=step.urutan).count() + 1,
        assignee=assignee,
        dibuka_pada=now,
        jatuh_tempo=due,
        waktu_menit=standard,
    )
    if notify == "assigned":
        transaction.on_commit(partial(emails.send_task_assigned, task.pk), robust=True)
    elif notify == "returned":
        transaction.on_commit(partial(emails.send_task_returned, task.pk), robust=True)
    return task


def _log(run: Run, *, actor: User, aksi: str, dari: str, ke: str, note: str = "", task: Task | None = None) -> RunLog:
    return RunLog.objects.create(run=run, task=task, actor=actor, aksi=aksi, dari=dari, ke=ke, catatan=note)


def _checked_file(upload: UploadedFile | None) -> UploadedFile | None:
    if upload is None:
        return None
    try:
        check_upload(upload)
    except ValidationError as error:
        raise TransitionError(" ".join(error.messages)) from None
    return upload


def _worked_minutes(run: Run, task: Task, now: datetime.datetime) -> int:
    return calendar_for(run.opd.pemda).minutes_between(task.dibuka_pada, now)


@transaction.atomic
def run_start(*, sop: Sop, tahun: int, periode: str, actor: User) -> Run:
    """Start carrying out a disahkan SOP for one period; the first step becomes the starter's task."""
    try:
        sop = Sop.objects.select_for_update(of=("self",)).select_related("opd__pemda").get(pk=sop.pk)
    except Sop.DoesNotExist:
        raise TransitionError(_("SOP ini tidak ditemukan.")) from None
    if sop.status != Sop.Status.DISAHKAN:
        raise TransitionError(_("Hanya SOP yang sudah disahkan (versi yang berlaku) yang bisa dilaksanakan."))
    if periode not in Run.Periode.values:
        raise TransitionError(_("Pilih periode: triwulan I–IV, semester I/II atau tahunan."))
    if not 2000 <= int(tahun) <= 2100:
        raise TransitionError(_("Tahun %(tahun)s tidak wajar.") % {"tahun": tahun})
    steps = list(sop.langkah.select_related("pelaksana"))
    if not steps:
        raise TransitionError(_("SOP ini belum punya langkah."))
    first = steps[0]
    first_holder = (
        selectors.role_holder_for(opd_id=sop.opd_id, pelaksana=first.pelaksana.nama) if first.pelaksana else None
    )
    if not permissions.can_start_run(actor, sop, first_holder):
        role = first.pelaksana.nama if first.pelaksana else _("(tanpa pelaksana)")
        if first_holder is None:
            raise TransitionError(
                _("Peran “%(role)s” (langkah 1) belum punya pemegang di OPD ini; atur dulu di halaman Pemegang peran.")
                % {"role": role}
            )
        raise TransitionError(
            _("Pelaksanaan dimulai oleh pemegang peran “%(role)s” (langkah 1), yaitu %(who)s.")
            % {"role": role, "who": first_holder}
        )
    missing = selectors.roles_without_holder(sop=sop)
    if missing:
        raise TransitionError(
            _("Belum bisa dimulai: peran berikut belum punya pemegang di OPD ini: %(roles)s.")
            % {"roles": ", ".join(f"“{name}”" for name in missing)}
        )
    label = f"{Run.Periode(periode).label} {tahun}"
    existing = selectors.runs_of_period(seri=sop.seri, tahun=tahun, periode=periode).select_related("dimulai_oleh")
    existing = existing.first()
    if existing is not None:
        raise TransitionError(
            _("Pelaksanaan SOP ini untuk %(periode)s sudah ada (dimulai %(who)s, %(when)s). Satu periode satu kali.")
            % {"periode": label, "who": existing.dimulai_oleh, "when": _when(existing.dimulai_pada)}
        )
    now = timezone.now()
    run = Run(
        sop=sop,
        opd=sop.opd,
        seri=sop.seri,
        tahun=tahun,
        periode=periode,
        status=Run.Status.BERJALAN,
        langkah_aktif=first,
        dimulai_oleh=actor,
        dimulai_pada=now,
    )
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:
        # Someone started the same period of another version of this SOP a moment ago.
        raise TransitionError(
            _("Pelaksanaan SOP ini untuk %(periode)s baru saja dimulai orang lain.") % {"periode": label}
        ) from None
    task = _open_task(run, first, assignee=actor, now=now, notify=None)
    _log(run, actor=actor, aksi=RunLog.Aksi.MULAI, dari="", ke=str(first.urutan), task=task, note=label)
    return run


@transaction.atomic
def task_complete(*, task: Task, actor: User, note: str, upload: UploadedFile | None = None) -> Task:
    """Finish a step with a note (and its document); the next step's holder gets the task, the last one archives."""
    run = _lock_run(task.run_id)
    task = _reload_task(task.pk, run)
    _check_task_is_current(run, task)
    if not permissions.can_complete(actor, task):
        raise TransitionError(
            _("Hanya %(who)s, petugas langkah ini, yang dapat menyelesaikannya.") % {"who": task.assignee}
        )
    if not note.strip():
        raise TransitionError(_("Tuliskan catatan: apa yang sudah dikerjakan pada langkah ini."))
    problems = actions.completion_problems(task)
    if problems:
        raise TransitionError(" ".join(problems))
    upload = _checked_file(upload)
    if upload is None and rules.needs_document(task.langkah):
        raise TransitionError(
            _("Langkah ini menghasilkan “%(output)s”: unggah berkasnya (PDF, DOCX, XLSX, PNG atau JPEG).")
            % {"output": task.langkah.output or task.langkah.kelengkapan}
        )
    steps = list(run.sop.langkah.select_related("pelaksana"))
    following = rules.next_step(task.langkah, steps)
    next_holder = _holder_of(run, following) if following is not None else None

    now = timezone.now()
    task.status = Task.Status.SELESAI
    task.selesai_pada = now
    task.selesai_oleh = actor
    task.catatan = note.strip()
    task.menit_kerja = _worked_minutes(run, task, now)
    fields = ["status", "selesai_pada", "selesai_oleh", "catatan", "menit_kerja"]
    if upload is not None:
        task.berkas = upload
        fields.append("berkas")
    task.save(update_fields=fields)

    if following is None:
        run.status = Run.Status.ARSIP
        run.langkah_aktif = None
        run.selesai_pada = now
        run.save(update_fields=["status", "langkah_aktif", "selesai_pada"])
        ke = Run.Status.ARSIP.value
    else:
        _open_task(run, following, assignee=next_holder, now=now, notify="assigned")
        run.langkah_aktif = following
        run.save(update_fields=["langkah_aktif"])
        ke = str(following.urutan)
    _log(run, actor=actor, aksi=RunLog.Aksi.SELESAI, dari=str(task.urutan), ke=ke, note=task.catatan, task=task)
    return task


@transaction.atomic
def task_send_back(
    *, task: Task, actor: User, to_step: int | None, reason: str, upload: UploadedFile | None = None
) -> Task:
    """Send the run back from a keputusan or the Kepala's koreksi step to an earlier step, with the reason."""
    run = _lock_run(task.run_id)
    task = _reload_task(task.pk, run)
    _check_task_is_current(run, task)
    if not permissions.can_send_back(actor, task):
        raise TransitionError(
            _(
                "Langkah ini tidak bisa dikembalikan oleh Anda: hanya langkah keputusan, atau koreksi oleh Kepala, "
                "yang bisa mengembalikan pelaksanaan ke langkah sebelumnya, oleh petugasnya."
            )
        )
    if not reason.strip():
        raise TransitionError(_("Tuliskan alasan pengembalian agar petugas tahu apa yang harus diperbaiki."))
    steps = list(run.sop.langkah.select_related("pelaksana"))
    targets = {s.urutan: s for s in rules.return_targets(task.langkah, steps)}
    if to_step not in targets:
        raise TransitionError(
            _("Pilih langkah tujuan pengembalian: %(choices)s.")
            % {"choices": ", ".join(str(n) for n in sorted(targets)) or "—"}
        )
    target = targets[to_step]
    holder = _holder_of(run, target)
    upload = _checked_file(upload)

    now = timezone.now()
    task.status = Task.Status.DIKEMBALIKAN
    task.selesai_pada = now
    task.selesai_oleh = actor
    task.catatan = reason.strip()
    task.kembali_ke = target.urutan
    task.menit_kerja = _worked_minutes(run, task, now)
    fields = ["status", "selesai_pada", "selesai_oleh", "catatan", "kembali_ke", "menit_kerja"]
    if upload is not None:
        task.berkas = upload
        fields.append("berkas")
    task.save(update_fields=fields)
    _open_task(run, target, assignee=holder, now=now, notify="returned")
    run.langkah_aktif = target
    run.save(update_fields=["langkah_aktif"])
    _log(run, actor=actor, aksi=RunLog.Aksi.KEMBALI, dari=str(task.urutan), ke=str(target.urutan), note=task.catatan,
         task=task)  # fmt: skip
    return task


@transaction.atomic
def task_reassign(*, task: Task, actor: User, to_user: User, note: str = "") -> Task:
    """The Kepala or Sekretaris gives an open task to another member of the OPD."""
    run = _lock_run(task.run_id)
    task = _reload_task(task.pk, run)
    _check_task_is_current(run, task)
    if not permissions.can_reassign(actor, task):
        raise TransitionError(_("Hanya Kepala atau Sekretaris OPD ini yang dapat mengalihkan tugas."))
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
        transaction.on_commit(partial(emails.send_task_assigned, task.pk), robust=True)
    _log(run, actor=actor, aksi=RunLog.Aksi.ALIH, dari=str(task.urutan), ke=str(task.urutan), note=text, task=task)
    return task


@transaction.atomic
def run_cancel(*, run: Run, actor: User, reason: str) -> Run:
    """The Kepala stops a run started by mistake; its period can then be started again."""
    run = _lock_run(run.pk)
    if not run.is_open:
        raise TransitionError(_("Hanya pelaksanaan yang sedang berjalan yang bisa dibatalkan."))
    if not permissions.can_cancel(actor, run):
        raise TransitionError(_("Hanya Kepala OPD yang dapat membatalkan pelaksanaan."))
    if not reason.strip():
        raise TransitionError(_("Tuliskan alasan pembatalan."))
    current = Task.objects.filter(run=run, status=Task.Status.TERBUKA).first()
    dari = str(current.urutan) if current else ""
    now = timezone.now()
    if current is not None:
        current.status = Task.Status.DIBATALKAN
        current.selesai_pada = now
        current.selesai_oleh = actor
        current.save(update_fields=["status", "selesai_pada", "selesai_oleh"])
    run.status = Run.Status.DIBATALKAN
    run.langkah_aktif = None
    run.selesai_pada = now
    run.save(update_fields=["status", "langkah_aktif", "selesai_pada"])
    _log(run, actor=actor, aksi=RunLog.Aksi.BATAL, dari=dari, ke=Run.Status.DIBATALKAN.value, note=reason.strip(),
         task=current)  # fmt: skip
    return run


__all__ = ["TransitionError", "run_cancel", "run_start", "task_complete", "task_reassign", "task_send_back"]
