"""Every reason has a stated maximum, shown in the form; a longer one is refused with what is wrong."""

import pytest
from django.urls import reverse

from sakip.states import TransitionError
from sop.models import Sop
from sop.transitions import sop_return
from tests.sop.factories import build_sop
from tests.workflow.conftest import advance_to, current_task
from workflow.models import Run, RunLog
from workflow.transitions import run_cancel

pytestmark = pytest.mark.django_db

TOO_LONG = "Alasan paling panjang 2.000 karakter; sekarang 2.345."


def test_a_cancel_reason_over_the_maximum_says_so_and_the_run_goes_on(client, flow_run, kepala):
    client.force_login(kepala)
    page = client.get(flow_run.get_absolute_url()).content.decode()
    assert "Paling panjang 2.000 karakter." in page

    response = client.post(reverse("workflow:run-cancel", args=[flow_run.pk]), {"alasan": "x" * 2345}, follow=True)

    assert TOO_LONG in response.content.decode()
    assert "Tuliskan alasan pembatalan" not in response.content.decode()
    flow_run.refresh_from_db()
    assert flow_run.status == Run.Status.BERJALAN
    assert not RunLog.objects.filter(run=flow_run, aksi=RunLog.Aksi.BATAL).exists()


def test_the_transitions_refuse_a_long_reason_from_any_caller(flow_run, kepala, opd):
    with pytest.raises(TransitionError, match=r"sekarang 2\.345"):
        run_cancel(run=flow_run, actor=kepala, reason="x" * 2345)
    sop = build_sop(opd=opd, status=Sop.Status.DIAJUKAN)
    with pytest.raises(TransitionError, match=r"sekarang 2\.001"):
        sop_return(sop=sop, actor=kepala, reason="y" * 2001)
    sop.refresh_from_db()
    assert sop.status == Sop.Status.DIAJUKAN


def test_send_back_reason_states_its_maximum(client, flow_run, kepala):
    task = advance_to(flow_run, 3)
    client.force_login(task.assignee)
    page = client.get(flow_run.get_absolute_url()).content.decode()
    assert "Paling panjang 4.000 karakter." in page

    url = reverse("workflow:task-send-back", args=[current_task(flow_run).pk])
    response = client.post(url, {"ke_langkah": "2", "alasan": "z" * 4001})

    assert response.status_code == 422, response.context["forms"]["send_back"].errors
    assert "Alasan paling panjang 4.000 karakter; sekarang 4.001." in response.content.decode()
    assert current_task(flow_run).pk == task.pk


def test_sop_return_reason_is_refused_with_its_length(client, opd, kepala):
    sop = build_sop(opd=opd, status=Sop.Status.DIAJUKAN)
    client.force_login(kepala)
    assert "Paling panjang 2.000 karakter." in client.get(sop.get_absolute_url()).content.decode()

    response = client.post(reverse("sop:sop-return", args=[sop.pk]), {"alasan": "r" * 2345}, follow=True)

    assert TOO_LONG in response.content.decode()
    sop.refresh_from_db()
    assert sop.status == Sop.Status.DIAJUKAN
