"""Tests: fast hashing, in-memory cache and mail, no network."""

from .base import *  # noqa: F403
from .base import REDIS_URL, STORAGES

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not REDIS_URL:  # .ci/run sets REDIS_URL for the postgres-marked run: a cache shared by processes
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Serve static files straight from the apps (no collectstatic needed locally).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# The erasure log in memory (tests/reliability/test_backup.py uses a real directory).
STORAGES = {**STORAGES, "erasure_log": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
