"""Test runs: same as development, with fast hashing; DATABASE_URL picks PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests log in and out thousands of times from one address; the throttling test turns it on for itself.
AXES_ENABLED = False
