"""The state tables of runs and tasks, and the one check of "may this person make this move now"."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.models import User
from sakip.states import Move, StateTable, TransitionError
from sop.models import Sop
from workflow import permissions
from workflow.models import Run, Task

R, T = Run.Status, Task.Status
NOT_STARTED = ""  # the state before a run or a task exists

RUN_STATES = StateTable(
    Move("start", (NOT_STARTED,), R.BERJALAN, gettext_lazy("Mulai pelaksanaan")),
    # A step completed or sent back: the run stays under way at another step.
    Move("advance", (R.BERJALAN,), R.BERJALAN, gettext_lazy("Lanjut ke langkah berikutnya")),
    Move("archive", (R.BERJALAN,), R.ARSIP, gettext_lazy("Arsipkan")),
    Move("cancel", (R.BERJALAN,), R.DIBATALKAN, gettext_lazy("Batalkan")),
)
TASK_STATES = StateTable(
    Move("open", (NOT_STARTED,), T.TERBUKA, gettext_lazy("Buka tugas")),
    Move("complete", (T.TERBUKA,), T.SELESAI, gettext_lazy("Selesaikan")),
    Move("send_back", (T.TERBUKA,), T.DIKEMBALIKAN, gettext_lazy("Kembalikan")),
    Move("reassign", (T.TERBUKA,), T.TERBUKA, gettext_lazy("Alihkan")),
    Move("cancel", (T.TERBUKA,), T.DIBATALKAN, gettext_lazy("Batalkan")),
)
# Who may make each move a person makes on a task, and what the refusal says.
_TASK_RULES = {
    "complete": (
        permissions.may_complete,
        gettext_lazy("Hanya %(who)s, petugas langkah ini, yang dapat menyelesaikannya."),
    ),
    "send_back": (
        permissions.may_send_back,
        gettext_lazy(
            "Langkah ini tidak bisa dikembalikan oleh Anda: hanya langkah keputusan, atau koreksi oleh Kepala, "
            "yang bisa mengembalikan pelaksanaan ke langkah sebelumnya, oleh petugasnya."
        ),
    ),
    "reassign": (
        permissions.may_reassign,
        gettext_lazy("Hanya Kepala atau Sekretaris OPD ini yang dapat mengalihkan tugas."),
    ),
}


def when(moment: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "j F Y H:i") if moment else ""


def can(user: User, move: str, obj: Task | Run) -> bool:
    """The state tables, then who the user is: the one answer views, templates and transitions ask."""
    if isinstance(obj, Run):
        return RUN_STATES.allows(move, obj.status) and move == "cancel" and permissions.may_cancel(user, obj)
    if not (RUN_STATES.allows("advance", obj.run.status) and TASK_STATES.allows(move, obj.status)):
        return False
    rule = _TASK_RULES.get(move)
    return rule is not None and rule[0](user, obj)


def can_start_run(user: User, sop: Sop, first_step_holder: User | None) -> bool:
    """A run starts from a disahkan SOP, by the holder of its first step's role."""
    return sop.status == Sop.Status.DISAHKAN and permissions.may_start_run(user, sop, first_step_holder)


def check_task_is_current(task: Task) -> None:
    """Refuse a move on a task of a closed run, or on a task someone already acted on, saying what happened."""
    run = task.run
    if run.status == R.ARSIP:
        raise TransitionError(_("Pelaksanaan ini sudah selesai dan diarsipkan; isinya tidak bisa diubah lagi."))
    if run.status == R.DIBATALKAN:
        raise TransitionError(_("Pelaksanaan ini sudah dibatalkan; isinya tidak bisa diubah lagi."))
    if not TASK_STATES.allows("complete", task.status):
        who = task.selesai_oleh or _("orang lain")
        raise TransitionError(
            _("Langkah %(n)s sudah ditindaklanjuti oleh %(who)s pada %(when)s. Muat ulang halaman untuk melihatnya.")
            % {"n": task.urutan, "who": who, "when": when(task.selesai_pada)}
        )


def check(actor: User, move: str, obj: Task | Run) -> None:
    """Raise TransitionError, saying what stands in the way, unless the actor may make `move` now."""
    if isinstance(obj, Run):
        if not RUN_STATES.allows(move, obj.status):
            raise TransitionError(_("Hanya pelaksanaan yang sedang berjalan yang bisa dibatalkan."))
        if not can(actor, move, obj):
            raise TransitionError(_("Hanya Kepala OPD yang dapat membatalkan pelaksanaan."))
        return
    check_task_is_current(obj)
    if not can(actor, move, obj):
        raise TransitionError(str(_TASK_RULES[move][1]) % {"who": obj.assignee})
