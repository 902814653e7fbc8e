"""Tests: fast hashing, in-memory cache and mail, no network."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REDIS_URL, STORAGES

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not REDIS_URL:  # .ci/run sets REDIS_URL for the PostgreSQL run: a cache shared by processes
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
elif os.environ.get("PYTEST_XDIST_WORKER"):
    # Each pytest-xdist worker gets its own Redis database (gw0: REDIS_URL's, gw1: the one below it,
    # ...), as it gets its own test database: tests clear the cache, and django-redis clears with
    # FLUSHDB. Servers a test starts read REDIS_URL from the environment, so it is set there too.
    _url = urlsplit(REDIS_URL)
    _db = int(_url.path.strip("/") or 0) - int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw"))
    REDIS_URL = os.environ["REDIS_URL"] = urlunsplit(_url._replace(path=f"/{_db}"))
    CACHES = {"default": {**CACHES["default"], "LOCATION": REDIS_URL}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Every test reads the current policy number and catalogue version afresh (tests that cache them say so).
POLICY_CURRENT_CACHE_SECONDS = 0
CATALOG_VERSION_MEMO_SECONDS = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAIL_API_V2_ENABLED = True  # tests/cms/test_api.py; off by default (config/settings/base.py)
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Serve static files straight from the apps (no collectstatic needed locally).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Evidence tables refuse TRUNCATE on PostgreSQL unless the session allows it (see
# shop/core/append_only.py); Django's flush between transactional tests truncates every table.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c xmi.allow_evidence_truncate=on"

# Background tasks run inside the test, at once; carriers get a fake transport that records.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
CARRIER_TRANSPORT = "shop.shipping.carriers.FakeTransport"
PAYMENT_WEBHOOK_SECRET = "test-webhook-secret"  # noqa: S105

# The erasure log in memory (tests/reliability/test_backup.py uses a real directory).
STORAGES = {**STORAGES, "erasure_log": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
