"""The `make run` demo: SQLite, DEBUG off, static files from WhiteNoise, long work in the task worker.

As production does it, minus HTTPS: pages are served by gunicorn and the Buku SOP is built by `db_worker`
beside it (`manage.py run_demo` starts both), so what works here works there.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# Hashed names as in production, without the compression that makes collectstatic take a minute.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}  # noqa: F405
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
SOP_PRERENDER = env.bool("SOP_PRERENDER", default=True)  # the worker renders PDFs after each save

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The pages and the worker write at the same time: wait for the lock instead of failing, readers never block.
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL;"
    )
