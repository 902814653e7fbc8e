"""The production settings for app servers started by tests/reliability: the same security and
storage settings, minus the collectstatic manifest (no collectstatic run in a test)."""

import os

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
# Users made by the test process are hashed with the tests' fast MD5 hasher; accept it too. The
# fuzzer signs in before every request, so it asks for the fast hasher first (FAST_PASSWORD_HASHER).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
if os.environ.get("FAST_PASSWORD_HASHER"):
    PASSWORD_HASHERS.reverse()
