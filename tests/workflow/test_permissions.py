"""Who may move a run: the one who may, a colleague of the same OPD who may not, and an outsider."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.models import Keanggotaan
from tests.sakip.factories import UserFactory
from tests.workflow.conftest import YEAR, advance_to, current_task, upload
from workflow import transitions
from workflow.models import RoleHolder, RunLog
from workflow.services import role_holders_set
from workflow.transitions import (
    TransitionError,
    run_cancel,
    run_start,
    task_complete,
    task_reassign,
    task_send_back,
)

pytestmark = pytest.mark.django_db
Peran = Keanggotaan.Peran


MOVES = {
    # move: (step the run must stand at, the move, who may, a colleague of the same OPD who may not)
    "start": (None, lambda run, task, actor: run_start(sop=run.sop, tahun=YEAR, periode="tw4", actor=actor),
              "kepala", "sekretaris"),
    "complete": (2, lambda run, task, actor: task_complete(task=task, actor=actor, note="Draf", upload=upload()),
                 "staf", "colleague"),
    "send_back": (4, lambda run, task, actor: task_send_back(task=task, actor=actor, to_step=2, reason="Perbaiki"),
                  "kepala", "sekretaris"),
    "reassign": (2, lambda run, task, actor: task_reassign(task=task, actor=actor, to_user=_bob(run)),
                 "sekretaris", "staf"),
    "cancel": (None, lambda run, task, actor: run_cancel(run=run, actor=actor, reason="Salah periode"),
               "kepala", "sekretaris"),
}  # fmt: skip


def _bob(run):
    return run.opd.keanggotaan.get(user__username="bob").user  # the colleague fixture


@pytest.mark.parametrize("name", list(MOVES))
def test_only_the_right_person_moves_the_run(name, request, flow_run, colleague, outsider):
    step, move, allowed, other = MOVES[name]
    task = advance_to(flow_run, step) if step else None
    before = RunLog.objects.count()

    for actor in (request.getfixturevalue(other), outsider):
        with pytest.raises(TransitionError):
            move(flow_run, task, actor)
        assert RunLog.objects.count() == before

    move(flow_run, task, request.getfixturevalue(allowed))
    assert RunLog.objects.count() == before + 1


def test_kepala_may_not_complete_a_staff_task_he_did_not_reassign(flow_run, kepala):
    task = advance_to(flow_run, 2)

    with pytest.raises(TransitionError, match="Hanya"):
        task_complete(task=task, actor=kepala, note="Saya ambil alih", upload=upload())

    assert current_task(flow_run).pk == task.pk


def test_a_member_of_two_opds_completes_only_where_assigned(flow_run, staf, other_opd):
    Keanggotaan.objects.create(user=staf, opd=other_opd, peran=Peran.KEPALA)
    task = advance_to(flow_run, 2)

    assert transitions.can(staf, "complete", task)
    assert not transitions.can(staf, "reassign", task)  # Kepala of the other OPD, not of this one


@pytest.mark.parametrize("who", ["kepala", "sekretaris", "admin"])
def test_admin_opd_sekretaris_and_kepala_set_role_holders(who, request, opd, flow_sop, staf, colleague):
    actor = UserFactory(roles=[(opd, Peran.ADMIN_OPD)]) if who == "admin" else request.getfixturevalue(who)

    changed = role_holders_set(opd=opd, holders={"Staf Perencanaan": colleague, "Sekretaris": None}, actor=actor)

    assert changed == 2
    assert RoleHolder.objects.get(opd=opd, pelaksana="Staf Perencanaan").user == colleague
    assert not RoleHolder.objects.filter(opd=opd, pelaksana="Sekretaris").exists()


def test_staff_and_outsiders_may_not_set_role_holders(opd, flow_sop, staf, colleague, outsider):
    for actor in (staf, outsider):
        with pytest.raises(PermissionDenied):
            role_holders_set(opd=opd, holders={"Staf Perencanaan": colleague}, actor=actor)

    assert RoleHolder.objects.get(opd=opd, pelaksana="Staf Perencanaan").user == staf


def test_a_role_is_held_only_by_a_member_of_the_opd(opd, flow_sop, kepala, outsider):
    with pytest.raises(ValidationError, match="bukan pegawai OPD ini"):
        role_holders_set(opd=opd, holders={"Staf Perencanaan": outsider}, actor=kepala)
