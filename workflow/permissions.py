"""Who may make a move on a run or a task, by who they are (assignee, role holder, role in the OPD).

Which moves a state allows is the tables in workflow.transitions (RUN_STATES, TASK_STATES);
`workflow.transitions.can(user, move, task_or_run)` asks both, and views, templates and the transitions ask it.
"""

from sakip.models import Keanggotaan, User
from sakip.permissions import has_role, is_member
from sop.models import Sop
from workflow import rules
from workflow.models import Run, Task

Peran = Keanggotaan.Peran
MANAGERS = (Peran.KEPALA, Peran.SEKRETARIS)  # may reassign an open task
HOLDER_EDITORS = (Peran.ADMIN_OPD, Peran.SEKRETARIS, Peran.KEPALA)  # may set who holds each pelaksana role


def may_start_run(user: User, sop: Sop, first_step_holder: User | None) -> bool:
    """The holder of the first step's pelaksana starts a run (for pengukuran kinerja: the Kepala's disposisi)."""
    return is_member(user, sop.opd_id) and first_step_holder is not None and first_step_holder.pk == user.pk


def may_complete(user: User, task: Task) -> bool:
    """The assignee — or the Kepala/Sekretaris who reassigned the task, while still holding that role."""
    if not user.is_authenticated:
        return False
    if task.assignee_id == user.pk:
        return True
    return task.dialihkan_oleh_id == user.pk and has_role(user, task.run.opd_id, MANAGERS)


def may_send_back(user: User, task: Task) -> bool:
    if not may_complete(user, task):
        return False
    if rules.is_keputusan(task.langkah):
        return True
    return rules.is_koreksi(task.langkah) and has_role(user, task.run.opd_id, (Peran.KEPALA,))


def may_reassign(user: User, task: Task) -> bool:
    return has_role(user, task.run.opd_id, MANAGERS)


def may_cancel(user: User, run: Run) -> bool:
    return has_role(user, run.opd_id, (Peran.KEPALA,))


def can_manage_holders(user: User, opd_id: int) -> bool:
    return has_role(user, opd_id, HOLDER_EDITORS)
