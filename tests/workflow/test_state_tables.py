"""Every allowed and every forbidden move of the run and task state tables, read from the tables themselves."""

import pytest

from tests.workflow.conftest import advance_to, upload
from workflow.models import Run, RunLog, Task
from workflow.transitions import (
    NOT_STARTED,
    RUN_STATES,
    TASK_STATES,
    TransitionError,
    can,
    run_cancel,
    task_complete,
    task_reassign,
    task_send_back,
)

pytestmark = pytest.mark.django_db


def _bob(run):
    return run.opd.keanggotaan.get(user__username="bob").user  # the colleague fixture


# move: (the step the run stands at, who may, the call)
TASK_MOVES = {
    "complete": (2, "staf", lambda task, actor: task_complete(task=task, actor=actor, note="Draf", upload=upload())),
    "send_back": (4, "kepala", lambda task, actor: task_send_back(task=task, actor=actor, to_step=2, reason="Ulang")),
    "reassign": (2, "sekretaris", lambda task, actor: task_reassign(task=task, actor=actor, to_user=_bob(task.run))),
}


def test_the_tables_cover_every_status():
    assert set(RUN_STATES.states) == {NOT_STARTED, *Run.Status.values}
    assert set(TASK_STATES.states) == {NOT_STARTED, *Task.Status.values}
    assert RUN_STATES.pipeline[Run.Status.BERJALAN] == (Run.Status.BERJALAN, Run.Status.ARSIP, Run.Status.DIBATALKAN)
    assert RUN_STATES.pipeline[Run.Status.ARSIP] == () and RUN_STATES.pipeline[Run.Status.DIBATALKAN] == ()
    assert TASK_STATES.pipeline[Task.Status.SELESAI] == ()


@pytest.mark.parametrize("move", list(TASK_MOVES))
@pytest.mark.parametrize("task_status", Task.Status.values)
@pytest.mark.parametrize("run_status", Run.Status.values)
def test_a_task_moves_exactly_where_the_tables_allow(move, task_status, run_status, request, flow_run, colleague):
    step, who, call = TASK_MOVES[move]
    actor = request.getfixturevalue(who)
    task = advance_to(flow_run, step)
    # Put the rows in the state under test directly: no transition leads to every combination.
    Task.objects.filter(pk=task.pk).update(status=task_status)
    Run.objects.filter(pk=flow_run.pk).update(status=run_status)
    task = Task.objects.select_related("run", "langkah").get(pk=task.pk)
    allowed = RUN_STATES.allows("advance", run_status) and TASK_STATES.allows(move, task_status)
    before = RunLog.objects.count()

    assert can(actor, move, task) == allowed
    if allowed:
        call(task, actor)
        assert RunLog.objects.count() == before + 1
        assert Task.objects.get(pk=task.pk).status == TASK_STATES.target(move)
    else:
        with pytest.raises(TransitionError):
            call(task, actor)
        assert RunLog.objects.count() == before
        assert Task.objects.get(pk=task.pk).status == task_status


@pytest.mark.parametrize("run_status", Run.Status.values)
def test_a_run_is_cancelled_exactly_where_the_table_allows(run_status, flow_run, kepala):
    Run.objects.filter(pk=flow_run.pk).update(status=run_status)
    run = Run.objects.get(pk=flow_run.pk)
    allowed = RUN_STATES.allows("cancel", run_status)
    before = RunLog.objects.count()

    assert can(kepala, "cancel", run) == allowed
    if allowed:
        run_cancel(run=run, actor=kepala, reason="Salah periode")
        assert RunLog.objects.count() == before + 1
    else:
        with pytest.raises(TransitionError):
            run_cancel(run=run, actor=kepala, reason="Salah periode")
        assert RunLog.objects.count() == before
    assert Run.objects.get(pk=run.pk).status == (RUN_STATES.target("cancel") if allowed else run_status)
