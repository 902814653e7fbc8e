"""Benchmarks (``make bench``): production-like (no debug), plus a bare JSON view at
``/bench/bare/`` to measure against in the same run. Never used to serve the shop."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
WAGTAIL_API_V2_ENABLED = True  # the Wagtail /api/v2/pages/ comparison row
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# Persistent database connections, as production has (conn_max_age=60 with DATABASE_URL): without
# them every SQLite request reopens the file and re-runs the PRAGMAs, which the bare view never pays.
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Registration mails a verification link: drop it rather than print thousands of mails.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
