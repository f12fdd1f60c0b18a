"""The admin: a run and its log are the record of what was done; nobody deletes them there."""

import pytest
from django.urls import reverse

from tests.sakip.factories import UserFactory
from workflow.models import Run, RunLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def superadmin(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_run_and_run_log_cannot_be_deleted_in_the_admin(client, superadmin, flow_run):
    log = RunLog.objects.filter(run=flow_run).first()
    client.force_login(superadmin)

    assert client.post(reverse("admin:workflow_runlog_delete", args=[log.pk]), {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:workflow_run_delete", args=[flow_run.pk]), {"post": "yes"}).status_code == 403
    assert Run.objects.filter(pk=flow_run.pk).exists() and RunLog.objects.filter(pk=log.pk).exists()
