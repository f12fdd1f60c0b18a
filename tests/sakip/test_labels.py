"""Texts a person reads say what is true, in Indonesian: the login hint, the task queue in the admin."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.sakip.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_usernames_are_not_case_sensitive_as_the_login_page_says(client):
    UserFactory(username="penyusun.banggai")

    page = client.get(reverse("login")).content.decode()
    assert "huruf besar atau kecil sama saja" in page
    response = client.post(reverse("login"), {"username": "Penyusun.BANGGAI", "password": "rahasia123"})
    assert response.status_code == 302

    client.logout()
    wrong = client.post(reverse("login"), {"username": "penyusun.banggai", "password": "RAHASIA123"})
    assert "kata sandi membedakan huruf besar dan kecil (nama pengguna tidak)" in wrong.content.decode()


def test_the_task_queue_shows_indonesian_labels_in_the_admin(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}}, task_path="sop.buku.build_buku_sop", backend_name="default",
        run_after=timezone.now(), exception_class_path="", traceback="",
    )  # fmt: skip
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    index = client.get(reverse("admin:index")).content.decode()
    changelist = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).content.decode()

    assert "Antrean tugas latar belakang" in index and "Tasks Database Backend" not in index
    assert "Masuk antrean pada" in changelist and "Enqueued at" not in changelist
    assert "Menunggu giliran" in changelist  # the status filter
