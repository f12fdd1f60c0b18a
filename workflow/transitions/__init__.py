"""Every state transition of a run: start, complete a step, send back, reassign, cancel.

Nothing else assigns Run.status, Run.langkah_aktif or Task.status. `RUN_STATES` and `TASK_STATES` (table.py) are
the one tables of allowed moves; `can`/`check` combine them with who the actor is (workflow.permissions). Each
transition locks the run row (select_for_update), checks, saves with update_fields, writes exactly one RunLog row,
and once the transaction commits sends its signal (workflow.signals). Of two people completing the same task at
once, the second waits for the first's lock, then finds the task done and gets a TransitionError saying so.
"""

from sakip.states import TransitionError
from workflow.transitions.runs import run_cancel, run_start
from workflow.transitions.table import NOT_STARTED, RUN_STATES, TASK_STATES, can, can_start_run, check
from workflow.transitions.tasks import task_complete, task_reassign, task_send_back

__all__ = [
    "NOT_STARTED",
    "RUN_STATES",
    "TASK_STATES",
    "TransitionError",
    "can",
    "can_start_run",
    "check",
    "run_cancel",
    "run_start",
    "task_complete",
    "task_reassign",
    "task_send_back",
]
