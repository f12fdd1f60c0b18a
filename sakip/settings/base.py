"""Settings shared by every mode; values that differ per machine come from the environment."""

import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "sakip",  # before the task queue: its db_worker command is sakip's (one that outlives a database restart)
    "sakip.apps.TasksDbConfig",  # django_tasks_db, labelled in Indonesian
    "sop",
    "sop.library",
    "workflow",
    "sakip.kinerja",
    "workflow.signing",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sakip.csp.ContentSecurityPolicyMiddleware",  # early: error pages of the later ones get the policy too
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "sakip.middleware.PemdaTimezoneMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a refused login into the lockout page
]

ROOT_URLCONF = "sakip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sakip.context_processors.organisation",
            ],
        },
    },
]

WSGI_APPLICATION = "sakip.wsgi.application"

# SQLite is the embedded default; production sets DATABASE_URL=postgres://…
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Connections stay open between requests on both engines (on SQLite half of a logged-in request's floor was
# reconnecting); a connection that died with a restarted database is noticed and replaced before use.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default="test_sakip_sop")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

AUTH_USER_MODEL = "sakip.User"
# The SOP editor posts every row of an SOP at once. At its maxima (sop.content: 500 langkah of 15 fields each,
# 40 pelaksana of 5, six lists of 200 butir of 5, eight management forms of 4, the identity block) that is
# 500*15 + 40*5 + 6*200*5 + 8*4 + ~20 = 13,752 fields; Django's default of 1,000 stopped the editor at ~73 steps.
# tests/sop/test_limits.py recounts this from the forms themselves.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 16_000

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "sakip.auth.UsernameOrNipBackend"]

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account (from anywhere), or
# from one client address (for any account), further attempts are refused for LOGIN_LOCKOUT_MINUTES; the lockout
# then ends by itself, and a successful login clears the account's count. An account is counted as the person it
# resolves to, so "Budi", "budi" and his NIP are one account. The client is the address sakip.client_ip finds.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: by account, and by client
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "sakip.auth.lockout_username"
AXES_LOCKOUT_CALLABLE = "sakip.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "sakip.client_ip.client_ip"
# How many reverse proxies in front append to X-Forwarded-For (1 behind one nginx); 0 trusts no header at all,
# right when the application is reached directly, since a client can send any X-Forwarded-For it likes.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Stored in UTC; shown in the Pemda's own zone (WIB/WITA/WIT), see sakip.middleware.
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# The SOP importer's uploads between its preview and the confirmation (sop.importing.storage); default: a folder in
# the machine's temporary directory. Several application servers need one folder they all share.
SOP_IMPORT_DIR = env("SOP_IMPORT_DIR", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Served by WhiteNoise under content-hashed names once DEBUG is off (production and the demo).
MANIFEST_STATICFILES = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="sakip-sop@localhost")

# Background work (the Buku SOP). The test default runs a task at once, inside the request;
# production sets TASKS_BACKEND=django_tasks_db.DatabaseBackend and runs `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}
# Render an SOP's PDFs (A4, F4) in the background when it is saved, submitted or approved (sop.printing.prerender).
# Off here (the immediate backend would render inside the save); on in production and the demo, with their worker.
SOP_PRERENDER = env.bool("SOP_PRERENDER", default=False)

# A Buku SOP with no sign of life from a worker for this long (queued and never taken, or its worker died while
# building) is marked failed with a retry button; the worker beats after every printed SOP.
BUKU_SOP_STALE_SECONDS = env.int("BUKU_SOP_STALE_SECONDS", default=600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Workflow (runs of an SOP): uploads completing a step, and the address used in notification e-mails.
# Put the same limit (plus some slack) in the proxy, e.g. nginx client_max_body_size 12m.
WORKFLOW_UPLOAD_MAX_BYTES = env.int("WORKFLOW_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
WORKFLOW_SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# ---------------------------------------------------------------- cache
# Redis when REDIS_URL is set (production, several application servers share it); the local memory cache of each
# process on the embedded default. Cached: drawn flowcharts and sheets of an SOP version, keyed by their content.
if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "sakip.cache.RedisCache",  # Django's, reusing its Redis client
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="sakip"),
            "TIMEOUT": 7 * 24 * 3600,
        }
    }
    # Sessions read from Redis, written through to the database: one query fewer on every page. Only with a cache
    # every process shares; with local memory a logout in one process would stay unseen in the others.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}}

# SOP PDFs put in that shared cache too, with a render lock there, so that what the task worker (or one server)
# renders is a hit on every server and a content is rendered once among them (sop/printing/shared_cache.py). Each
# server keeps its own files as well (MEDIA_ROOT/cache/); the shared copy is for the servers that have none yet.
SOP_PDF_SHARED = env.bool("SOP_PDF_SHARED", default=bool(env("REDIS_URL", default="")))
SOP_PDF_SHARED_SECONDS = env.int("SOP_PDF_SHARED_SECONDS", default=24 * 3600)

# Whole pages (the SOP sheet) kept per reader until the next write to the database: only with a cache every process
# shares (sakip/page_cache.py), so it follows REDIS_URL.
PAGE_CACHE = env.bool("PAGE_CACHE", default=bool(env("REDIS_URL", default="")))

# ---------------------------------------------------------------- pages
# Rows per page of the lists (SOP, runs, arsip).
PAGE_SIZE = env.int("PAGE_SIZE", default=20)

# ---------------------------------------------------------------- signing (workflow.signing)
# Which service signs (as EMAIL_BACKEND): the local CA of `manage.py signing_ca` (development, demos, an office's own
# CA) or BSrE's esign API ("workflow.signing.backends.bsre.BsreBackend").
SIGNING_TTE_BACKEND = env("SIGNING_TTE_BACKEND", default="workflow.signing.backends.local.LocalBackend")
# An RFC 3161 timestamp authority: with it signatures are PAdES B-T (B-LT where revocation data is reachable).
SIGNING_TSA_URL = env("SIGNING_TSA_URL", default="")
# The TSA's root certificate (a PEM file): with it the chain of the timestamp can be checked when the document's
# validation data is embedded, which makes the signature B-LT; without it, B-T.
SIGNING_TSA_ROOT_FILE = env("SIGNING_TSA_ROOT_FILE", default="")
# The local CA's private keys are kept encrypted with this passphrase (default: derived from SECRET_KEY).
SIGNING_CA_PASSPHRASE = env("SIGNING_CA_PASSPHRASE", default="")
# BSrE esign API v2: base address, the client's credentials (HTTP basic), and how long to wait for an answer.
SIGNING_BSRE_URL = env("SIGNING_BSRE_URL", default="")
SIGNING_BSRE_USER = env("SIGNING_BSRE_USER", default="")
SIGNING_BSRE_PASSWORD = env("SIGNING_BSRE_PASSWORD", default="")
SIGNING_BSRE_TIMEOUT = env.float("SIGNING_BSRE_TIMEOUT", default=20.0)  # below gunicorn's 30 s worker timeout
# Step-up: wrong passphrases in a row that lock signing for a user, and for how long.
SIGNING_MAX_TRIES = env.int("SIGNING_MAX_TRIES", default=5)
SIGNING_LOCK_MINUTES = env.int("SIGNING_LOCK_MINUTES", default=15)
# Public address the QR code of a signature opens (the verification page); default: the request's own host.
SIGNING_PUBLIC_URL = env("SIGNING_PUBLIC_URL", default="")
# Files a client may upload for checking on the public verification page, per window of seconds.
SIGNING_VERIFY_UPLOADS = env.int("SIGNING_VERIFY_UPLOADS", default=20)
SIGNING_VERIFY_WINDOW = env.int("SIGNING_VERIFY_WINDOW", default=600)

# ---------------------------------------------------------------- SAKIP performance data (sakip.kinerja)
# The cap, predikat thresholds and colours are per Pemda (admin: Pengaturan kinerja); evidence files follow
# WORKFLOW_UPLOAD_MAX_BYTES. Nothing else to set here.

# ---------------------------------------------------------------- hardening (throttling, CSP, files)
# Content-Security-Policy on every HTML page (sakip/csp.py). Scripts, styles, fonts and images are all served from
# this origin (no CDN), so nothing else is allowed; the few inline <style> blocks carry the request's nonce
# (`nonce="{{ request.csp_nonce }}"`), and there are no inline scripts, event handlers or style attributes.
# img-src data: is for Bootstrap's own icons (form validation, select arrows), which its CSS embeds as data: URLs.
# frame-src 'self': the signing review page shows the PDF about to be signed in an <iframe> of this origin; no page
# uses <object>/<embed>, hence object-src 'none'.
# With DEBUG on, Django's technical 404 and 500 pages get no policy: they style themselves inline.
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce-{nonce}'"],
    "style-src": ["'self'", "'nonce-{nonce}'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Directives replaced under a path prefix (request.path_info), for pages whose templates are not ours.
CSP_PATH_DIRECTIVES: dict[str, dict[str, list[str]]] = {}
# An office that wants to try the policy first: browsers report what it would block (in the console, and to
# CSP_REPORT_URI if set) and block nothing.
CSP_REPORT_ONLY = env.bool("CSP_REPORT_ONLY", default=False)
CSP_REPORT_URI = env("CSP_REPORT_URI", default="")
