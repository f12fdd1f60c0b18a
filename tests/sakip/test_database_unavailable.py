"""A database that cannot be reached for a moment (PostgreSQL restarted) answers 503 with Retry-After, not 500;
and the background worker waits for it instead of ending."""

from unittest import mock

import pytest
from django.core.management import call_command
from django.db import InterfaceError, OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

SHUTTING_DOWN = OperationalError("FATAL:  the database system is shutting down")


def logged_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_a_page_whose_session_cannot_be_read_is_a_503_that_reloads_itself(penyusun):
    client = logged_in(penyusun)
    with mock.patch("django.contrib.sessions.backends.db.SessionStore._get_session_from_db", side_effect=SHUTTING_DOWN):
        response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Layanan sedang dipulihkan, coba lagi sebentar lagi" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "Terjadi kesalahan di server" not in page


def test_a_form_that_meets_a_lost_connection_is_told_to_check_before_sending_again(penyusun):
    client = logged_in(penyusun)
    with mock.patch("workflow.selectors.task_get", side_effect=InterfaceError("connection already closed")):
        response = client.post("/alur/tugas/1/selesai/", {"catatan": "selesai"})

    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "belum tentu tersimpan" in page
    assert "http-equiv" not in page  # a POST is never resent by the page itself


def test_any_other_failure_is_still_the_500_page(penyusun):
    client = logged_in(penyusun)
    with mock.patch("sakip.views.sections_for", side_effect=ValueError("bug")):
        response = client.get("/")

    assert response.status_code == 500 and "Retry-After" not in response
    assert "Terjadi kesalahan di server" in response.content.decode()


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_worker_starts_its_loop_again_when_the_database_went_away(queue):
    run = mock.patch("django_tasks_db.management.commands.db_worker.Worker.run", side_effect=[SHUTTING_DOWN, None])
    with run as worker_run, mock.patch("sakip.management.commands.db_worker.time.sleep") as sleep:
        call_command("db_worker", "--batch", "--no-startup-delay")

    assert worker_run.call_count == 2
    sleep.assert_called_once()


def test_the_worker_still_ends_on_an_error_that_is_not_the_database(queue):
    run = mock.patch("django_tasks_db.management.commands.db_worker.Worker.run", side_effect=ValueError("bug"))
    with run, pytest.raises(ValueError), mock.patch("sakip.management.commands.db_worker.time.sleep") as sleep:
        call_command("db_worker", "--batch", "--no-startup-delay")

    sleep.assert_not_called()
