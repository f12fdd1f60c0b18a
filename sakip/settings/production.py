"""Production: PostgreSQL through DATABASE_URL, HTTPS only; `check --deploy` is clean."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env
from .storage import s3_storage

DEBUG = False

if SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY harus diisi (minimal 50 karakter acak) di lingkungan produksi.")

STORAGES = {**STORAGES, "staticfiles": MANIFEST_STATICFILES}  # noqa: F405
if env("AWS_STORAGE_BUCKET_NAME", default=""):
    # Files in an S3-compatible bucket shared by every server and worker; the PDF cache stays in MEDIA_ROOT/cache/.
    STORAGES["default"] = s3_storage(
        env("AWS_STORAGE_BUCKET_NAME"),
        endpoint_url=env("AWS_S3_ENDPOINT_URL", default=None),
        region_name=env("AWS_S3_REGION_NAME", default=None),
        addressing_style=env("AWS_S3_ADDRESSING_STYLE", default="path"),
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
X_FRAME_OPTIONS = "DENY"
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")  # noqa: F405

# Long work (the Buku SOP) never runs inside a request here: it is queued in the database and built by
# `manage.py db_worker` (see docs/deploy.md for its systemd unit).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
SOP_PRERENDER = env.bool("SOP_PRERENDER", default=True)  # the worker renders PDFs after each save
