"""Test runs: same as development, with fast hashing; DATABASE_URL picks PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests log in and out thousands of times from one address; the throttling test turns it on for itself.
AXES_ENABLED = False
# A test run is one process, so its local-memory cache is shared by everything in it: the page cache is on, and
# every test that reads a page after a write checks that the write reached it. (The benchmarks that serve these
# settings through several gunicorn workers set PAGE_CACHE to follow their cache.)
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)  # noqa: F405
