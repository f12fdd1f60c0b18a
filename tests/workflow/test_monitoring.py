"""Monitoring an SOP across its runs: per step the median working time, the share within Mutu Baku, the returns."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from sop.models import Langkah
from tests.workflow.conftest import YEAR, advance_to, complete_current, current_task
from workflow.charts import step_ratio_chart
from workflow.models import Task
from workflow.selectors import monitoring_get
from workflow.transitions import run_start, task_send_back

pytestmark = pytest.mark.django_db
WITA = datetime.timezone(datetime.timedelta(hours=8))


def finish(run):
    for _ in range(20):
        run.refresh_from_db()
        if run.status != "berjalan":
            return
        complete_current(run)


def test_median_share_within_mutu_baku_and_returns_per_step(flow_sop, kepala):
    runs = [run_start(sop=flow_sop, tahun=YEAR, periode=p, actor=kepala) for p in ("tw1", "tw2", "tw3")]
    task_send_back(task=advance_to(runs[0], 4), actor=kepala, to_step=2, reason="Angka salah")
    for run in runs:
        finish(run)
    # Step 2 (Mutu Baku 60 minutes) took 30, 90, 45 and 50 working minutes in its four attempts.
    for minutes, task in zip([30, 90, 45, 50], Task.objects.filter(urutan=2).order_by("pk"), strict=True):
        Task.objects.filter(pk=task.pk).update(menit_kerja=minutes)

    monitoring = monitoring_get(user=kepala, seri=flow_sop.seri)

    step2 = monitoring.steps[1]
    assert (step2.samples, step2.median_menit, step2.within_share) == (4, 47.5, 75)
    assert (step2.returned_to, step2.returned_from) == (1, 0)
    step4 = monitoring.steps[3]
    assert (step4.samples, step4.returned_from, step4.returned_to) == (4, 1, 0)
    assert len(monitoring.runs) == 3 and monitoring.runs_archived == 3


def test_a_step_without_mutu_baku_waktu_has_a_median_but_no_share(flow_sop, kepala):
    Langkah.objects.filter(sop=flow_sop, urutan=5).update(waktu_nilai=None)
    run = run_start(sop=flow_sop, tahun=YEAR, periode="tw1", actor=kepala)
    finish(run)

    step5 = monitoring_get(user=kepala, seri=flow_sop.seri).steps[4]
    assert (step5.samples, step5.within_share, step5.penilaian) == (1, None, "Berjalan baik")
    assert Task.objects.get(run=run, urutan=5).jatuh_tempo is None


def test_verdict_follows_share_and_returns(flow_sop, kepala):
    runs = [run_start(sop=flow_sop, tahun=YEAR, periode=p, actor=kepala) for p in ("tw1", "tw2")]
    task_send_back(task=advance_to(runs[0], 4), actor=kepala, to_step=2, reason="Angka salah")
    for run in runs:
        finish(run)
    Task.objects.filter(urutan=3).update(menit_kerja=100)  # Mutu Baku 30

    steps = monitoring_get(user=kepala, seri=flow_sop.seri).steps
    assert [s.penilaian for s in steps] == [
        "Berjalan baik", "Perlu perbaikan", "Perlu perbaikan", "Berjalan baik", "Berjalan baik"
    ]  # fmt: skip


def test_working_time_is_measured_in_working_hours(flow_run, kepala):
    task = current_task(flow_run)
    friday_1430 = datetime.datetime(2026, 1, 9, 14, 30, tzinfo=WITA)
    monday_0800 = datetime.datetime(2026, 1, 12, 8, 0, tzinfo=WITA)
    Task.objects.filter(pk=task.pk).update(dibuka_pada=friday_1430)

    with mock.patch("workflow.transitions.tasks.timezone.now", return_value=monday_0800):
        complete_current(flow_run)

    task.refresh_from_db()
    assert task.menit_kerja == 60  # 30 minutes on Friday, 30 on Monday; the weekend does not count


def test_monitoring_page_table_chart_and_pdf(client, flow_run, kepala):
    finish(flow_run)
    client.force_login(kepala)

    page = client.get(reverse("workflow:monitoring-detail", args=[flow_run.seri])).content.decode()
    assert 'data-testid="monitoring-table"' in page
    svg = page.split("<svg")[1].split("</svg>")[0]
    assert 'data-testid="monitoring-chart"' in svg and "<script" not in svg  # drawn on the server, no JavaScript

    response = client.get(reverse("workflow:monitoring-pdf", args=[flow_run.seri]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    listing = client.get(reverse("workflow:monitoring-list")).content.decode()
    assert flow_run.sop.judul in listing


def test_chart_marks_late_steps_red_and_caps_long_bars(flow_sop, kepala):
    run = run_start(sop=flow_sop, tahun=YEAR, periode="tw1", actor=kepala)
    finish(run)
    Task.objects.filter(urutan=1).update(menit_kerja=10)  # Mutu Baku 15: on time
    Task.objects.filter(urutan=2).update(menit_kerja=600)  # Mutu Baku 60: ten times over

    chart = step_ratio_chart(monitoring_get(user=kepala, seri=flow_sop.seri).steps)

    first, second = chart.bars[0], chart.bars[1]
    assert first.color == "#198754" and second.color == "#dc3545"
    assert second.clipped and second.width == chart.plot_width
    assert "1000%" in second.text
