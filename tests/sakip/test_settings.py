import os
import secrets
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import pytest

from tests.sakip.s3_server import BUCKET, KEYS, REGION, BucketFiles, S3Server

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production process: these settings and a real-length key, plus `extra`."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sakip.settings.production", "SECRET_KEY": secrets.token_urlsafe(64)}
    return env | extra


def production_shell(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    """`code` run by `manage.py shell` in a process of its own, with `env`."""
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    env = production_env(ALLOWED_HOSTS="sop.contoh.go.id")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests; production never has it

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_with_the_development_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sakip.settings.production", "SECRET_KEY": ""}
    env.pop("SECRET_KEY")

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "SECRET_KEY harus diisi" in result.stderr


def test_production_queues_long_work_in_the_database_for_the_worker():
    env = production_env()
    env.pop("TASKS_BACKEND", None)
    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"

    result = production_shell(env, code)

    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend", result.stderr


def test_sop_pdfs_are_shared_between_servers_exactly_when_they_share_redis():
    code = "from django.conf import settings; print(settings.SOP_PDF_SHARED, settings.PAGE_CACHE)"
    alone = production_env()
    alone.pop("REDIS_URL", None)

    results = [production_shell(env, code) for env in (alone, production_env(REDIS_URL="redis://127.0.0.1:6379/1"))]

    assert [result.stdout.split() for result in results] == [["False", "False"], ["True", "True"]], results[0].stderr


@pytest.mark.parametrize("at", [(7, 30), (15, 0)])
def test_working_hours_defaults_pass_the_checks_at_any_time_of_day(at):
    """A fixed time default made Django's fields.W161 fire in the 20 seconds around it (check --deploy at 07.30)."""
    from workflow.models import KalenderKerja

    moment = datetime(2026, 12, 3, *at, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        warnings = [w.id for name in ("jam_mulai", "jam_selesai") for w in KalenderKerja._meta.get_field(name).check()]
    assert warnings == []


def test_production_keeps_files_in_the_bucket_named_by_the_environment():
    code = (
        "from django.core.files.base import ContentFile; from django.core.files.storage import default_storage; "
        "print(default_storage.__class__.__name__, default_storage.save('uji/surat.txt', ContentFile(b'isi')))"
    )
    with S3Server() as server:
        env = production_env(
            AWS_STORAGE_BUCKET_NAME=BUCKET,
            AWS_S3_ENDPOINT_URL=server.endpoint_url,
            AWS_S3_REGION_NAME=REGION,
            AWS_ACCESS_KEY_ID=KEYS["access_key"],
            AWS_SECRET_ACCESS_KEY=KEYS["secret_key"],
        )
        saves = [production_shell(env, code) for _ in range(2)]

        assert [save.stdout.split()[0] for save in saves] == ["S3Storage", "S3Storage"], saves[0].stderr
        first, second = (save.stdout.split()[1] for save in saves)
        assert first == "uji/surat.txt" and second != first  # the second save is not written over the first
        assert BucketFiles(server.client)[first][0] == b"isi"
