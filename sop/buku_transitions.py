"""The Buku SOP lifecycle: antri → berjalan → selesai, or gagal (→ antri again on retry).

`BUKU_STATES` is the one table of allowed moves; nothing else assigns BukuSop.status. Each move locks the row,
checks the table, and — when the state changes — writes one BukuSopLog row and sends its signal once the
transaction commits. `progress` keeps the state (it only counts printed SOPs and beats the heartbeat), so it
writes no log row: a book of 300 SOPs would otherwise log 300 rows that say nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sakip.models import User
from sakip.states import Move, StateTable, TransitionError, send_after_commit
from sop import signals
from sop.models import BukuSop, BukuSopLog

B = BukuSop.Status
BUKU_STATES = StateTable(
    Move("start", (B.ANTRI,), B.BERJALAN, gettext_lazy("Mulai disusun")),
    Move("progress", (B.BERJALAN,), B.BERJALAN, gettext_lazy("Satu SOP dicetak")),
    Move("finish", (B.BERJALAN,), B.SELESAI, gettext_lazy("Selesai")),
    Move("fail", (B.ANTRI, B.BERJALAN), B.GAGAL, gettext_lazy("Gagal")),
    Move("retry", (B.GAGAL,), B.ANTRI, gettext_lazy("Coba lagi")),
)
SIGNALS = {
    "start": signals.buku_started,
    "finish": signals.buku_finished,
    "fail": signals.buku_failed,
    "retry": signals.buku_retried,
}


def _move(buku: BukuSop, move: str, *, actor: User | None = None, note: str = "", **fields) -> BukuSop:
    """Lock, check against the table, set the fields, log a change of state, signal after commit."""
    with transaction.atomic():
        buku = BukuSop.objects.select_for_update().get(pk=buku.pk)
        BUKU_STATES.check(move, buku.status, _("Buku SOP ini sedang %(s)s.") % {"s": buku.get_status_display()})
        before, now = buku.status, timezone.now()
        fields = {"status": BUKU_STATES.target(move), "denyut_pada": now, **fields}
        for name, value in fields.items():
            setattr(buku, name, value)
        buku.save(update_fields=list(fields))
        if buku.status != before:
            BukuSopLog.objects.create(buku=buku, actor=actor, langkah=move, dari=before, ke=buku.status, catatan=note)
            send_after_commit(SIGNALS[move], BukuSop, buku=buku, actor=actor)
    return buku


def buku_start(*, buku: BukuSop, jumlah_sop: int) -> BukuSop:
    """The worker took the book from the queue."""
    return _move(buku, "start", jumlah_sop=jumlah_sop, sop_selesai=0)


def buku_progress(*, buku: BukuSop, sop_selesai: int) -> BukuSop:
    """One more SOP printed; also the heartbeat that tells a live worker from a dead one."""
    return _move(buku, "progress", sop_selesai=sop_selesai)


def buku_finish(*, buku: BukuSop, berkas: str, jumlah_halaman: int) -> BukuSop:
    """The joined PDF is stored; the download appears."""
    return _move(buku, "finish", berkas=berkas, jumlah_halaman=jumlah_halaman, selesai_pada=timezone.now())


def buku_fail(*, buku: BukuSop, pesan: str) -> BukuSop:
    """The build stopped; the card says why and offers a retry."""
    return _move(buku, "fail", note=pesan, pesan=pesan, selesai_pada=timezone.now())


def buku_retry(*, buku: BukuSop, actor: User) -> BukuSop:
    """Queue a failed book again (the caller enqueues the task after commit)."""
    return _move(buku, "retry", actor=actor, pesan="", sop_selesai=0, selesai_pada=None)


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.BUKU_SOP_STALE_SECONDS)


def is_stale(buku: BukuSop, now: datetime.datetime | None = None) -> bool:
    """Queued or building, and no sign of life from a worker for longer than the setting allows."""
    last = buku.denyut_pada or buku.dibuat_pada
    return buku.sedang_berjalan and last is not None and (now or timezone.now()) - last > stale_after()


def buku_fail_if_stale(*, buku: BukuSop) -> BukuSop:
    """Mark a book whose worker died (or never came) as failed, so its page stops waiting."""
    if not is_stale(buku):
        return buku
    with transaction.atomic():
        buku = BukuSop.objects.select_for_update().get(pk=buku.pk)
        if not is_stale(buku):  # the worker beat meanwhile
            return buku
        return _fail_stale(buku)


def _fail_stale(buku: BukuSop) -> BukuSop:
    minutes = max(1, round(stale_after().total_seconds() / 60))
    if buku.status == B.ANTRI:
        pesan = _(
            "Buku SOP tidak diambil pekerja latar belakang dalam %(m)s menit. Pastikan `manage.py db_worker` "
            "berjalan, lalu tekan Coba lagi."
        ) % {"m": minutes}
        _fail_task_rows(buku, pesan, TaskResultStatus.READY, NotTaken)
    else:
        pesan = _(
            "Pekerja latar belakang berhenti saat menyusun (tanpa kabar %(m)s menit, %(n)s dari %(t)s SOP dicetak). "
            "Tekan Coba lagi; bila terus gagal, hubungi admin."
        ) % {"m": minutes, "n": buku.sop_selesai, "t": buku.jumlah_sop}
        _fail_task_rows(buku, pesan, TaskResultStatus.RUNNING, WorkerStopped)
    return buku_fail(buku=buku, pesan=pesan)


BUILD_TASK_PATH = "sop.buku.build_buku_sop"  # written out: sop.buku imports this module, not the other way round


class WorkerStopped(Exception):
    """What the queue records for a build whose worker died: no exception was raised, the process was gone."""


class NotTaken(Exception):
    """What the queue records for a build no worker took in time: the book failed, and a retry queues a new task."""


def _fail_task_rows(buku: BukuSop, pesan: str, status: TaskResultStatus, reason: type[Exception]) -> None:
    """The queue's own rows of the book's failed build. django-tasks-db never looks at a RUNNING task again, so
    without this the admin's task list would show a dead build running for ever; a READY one would be taken by
    the next worker that starts, after a retry has queued another (two builds of one book, one of them refused)."""
    rows = DBTaskResult.objects.filter(status=status, task_path=BUILD_TASK_PATH)
    mine = [r.pk for r in rows.only("pk", "args_kwargs") if r.args_kwargs.get("args") == [buku.pk]]
    rows.filter(pk__in=mine).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=f"{reason.__module__}.{reason.__qualname__}",
        traceback=pesan,
    )


__all__ = [
    "BUKU_STATES",
    "TransitionError",
    "buku_fail",
    "buku_fail_if_stale",
    "buku_finish",
    "buku_progress",
    "buku_retry",
    "buku_start",
    "is_stale",
]
