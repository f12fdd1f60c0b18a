"""A double click, or two people completing the same task at once: exactly one transition happens.

Two threads, each with its own database connection, meet at a barrier and fire together. Only PostgreSQL
has the row locks this is about; SQLite serialises whole-database writes and is skipped.
"""

import threading

import pytest
from django.db import connection

from tests.workflow.conftest import YEAR, advance_to, current_task, upload
from workflow.models import Run, RunLog, Task
from workflow.transitions import TransitionError, run_start, task_complete, task_reassign

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL row locks (SELECT … FOR UPDATE); the database is {connection.vendor}")


def race(*calls):
    """Run the calls in parallel threads released together; returns ('ok', value) or ('error', message) each."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(i, call):
        try:
            barrier.wait(timeout=10)
            results[i] = ("ok", call())
        except TransitionError as error:
            results[i] = ("error", str(error))
        except Exception as error:  # reported by the assertions of the test
            results[i] = ("crash", repr(error))
        finally:
            connection.close()  # the thread's own connection

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_people_completing_the_same_task_at_once_make_one_transition(flow_run, kepala, sekretaris, colleague):
    task = advance_to(flow_run, 2)
    # The Sekretaris reassigned the task to Bob, so both Bob and the Sekretaris may complete it.
    task_reassign(task=task, actor=sekretaris, to_user=colleague)
    before = RunLog.objects.count()

    results = race(
        lambda: task_complete(task=task, actor=colleague, note="Bob selesai", upload=upload("bob.pdf")),
        lambda: task_complete(task=task, actor=sekretaris, note="Sekretaris selesai", upload=upload("sek.pdf")),
    )

    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["error", "ok"], results
    message = next(text for kind, text in results if kind == "error")
    assert "sudah ditindaklanjuti" in message
    assert RunLog.objects.count() == before + 1
    assert RunLog.objects.filter(aksi="selesai", dari="2").count() == 1
    assert Task.objects.filter(run=flow_run, status="terbuka").count() == 1
    assert current_task(flow_run).urutan == 3


def test_a_double_click_on_complete_makes_one_transition(flow_run, kepala):
    task = current_task(flow_run)

    results = race(
        lambda: task_complete(task=task, actor=kepala, note="Klik", upload=upload("a.pdf")),
        lambda: task_complete(task=task, actor=kepala, note="Klik", upload=upload("b.pdf")),
    )

    assert sorted(kind for kind, _ in results) == ["error", "ok"], results
    assert RunLog.objects.filter(aksi="selesai").count() == 1


def test_two_starts_of_the_same_period_at_once_make_one_run(flow_sop, kepala):
    results = race(
        lambda: run_start(sop=flow_sop, tahun=YEAR + 1, periode=Run.Periode.TAHUNAN, actor=kepala),
        lambda: run_start(sop=flow_sop, tahun=YEAR + 1, periode=Run.Periode.TAHUNAN, actor=kepala),
    )

    assert sorted(kind for kind, _ in results) == ["error", "ok"], results
    assert Run.objects.filter(tahun=YEAR + 1).count() == 1
    assert RunLog.objects.filter(aksi="mulai").count() == 1
