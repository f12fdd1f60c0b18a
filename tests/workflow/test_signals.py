"""Lifecycle signals are sent once the move has committed, with what a receiver needs; never for a rolled-back move."""

import pytest
from django.db import transaction
from django.dispatch import Signal

from sop import signals as sop_signals
from sop.models import Sop
from sop.transitions import sop_approve, sop_revise, sop_submit
from tests.sop.factories import build_sop
from tests.workflow.conftest import advance_to, complete_current
from workflow import signals as workflow_signals

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def heard():
    """heard[signal name] = [kwargs of each sending], for every lifecycle signal."""
    received: dict[str, list[dict]] = {}
    receivers = []
    for module in (sop_signals, workflow_signals):
        for name in dir(module):
            signal = getattr(module, name)
            if isinstance(signal, Signal):

                def receiver(sender, signal=None, _name=name, **kwargs):
                    received.setdefault(_name, []).append(kwargs)

                signal.connect(receiver, weak=False)
                receivers.append((signal, receiver))
    yield received
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def test_an_approval_is_heard_once_after_commit_with_the_superseded_version(opd, penyusun, kepala, heard):
    old = build_sop(opd=opd, status=Sop.Status.DISAHKAN)
    new = sop_revise(sop=old, actor=penyusun)
    sop_submit(sop=new, actor=penyusun)

    with transaction.atomic():
        sop_approve(sop=new, actor=kepala)
        assert "sop_approved" not in heard  # not before the commit

    assert [(k["sop"].pk, k["actor"]) for k in heard["sop_approved"]] == [(new.pk, kepala)]
    assert [(k["sop"].pk, k["by"].pk) for k in heard["sop_superseded"]] == [(old.pk, new.pk)]
    assert [k["previous"].pk for k in heard["sop_revised"]] == [old.pk]


def test_a_rolled_back_move_is_never_heard(opd, penyusun, heard):
    sop = build_sop(opd=opd)

    with pytest.raises(RuntimeError), transaction.atomic():
        sop_submit(sop=sop, actor=penyusun)
        raise RuntimeError("a later step of the same request failed")

    assert "sop_submitted" not in heard
    sop.refresh_from_db()
    assert sop.status == Sop.Status.DRAFT


def test_a_failing_receiver_does_not_undo_the_move(opd, penyusun):
    def broken(sender, **kwargs):
        raise ValueError("receiver bug")

    sop_signals.sop_submitted.connect(broken, weak=False)
    try:
        sop = build_sop(opd=opd)
        sop_submit(sop=sop, actor=penyusun)
    finally:
        sop_signals.sop_submitted.disconnect(broken)

    sop.refresh_from_db()
    assert sop.status == Sop.Status.DIAJUKAN


def test_a_run_is_heard_from_start_to_arsip(flow_run, heard):
    # flow_run was started before the receivers listened; its steps are heard from here on.
    advance_to(flow_run, 5)
    complete_current(flow_run)

    completed = heard["task_completed"]
    assert [k["task"].urutan for k in completed] == [1, 2, 3, 4, 5]
    assert completed[-1]["next_task"] is None and completed[0]["next_task"].urutan == 2
    assert [k["run"].pk for k in heard["run_archived"]] == [flow_run.pk]
