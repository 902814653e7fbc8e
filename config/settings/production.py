"""Production: every secret comes from the environment and the process refuses to start without it.

Run ``DJANGO_SETTINGS_MODULE=config.settings.production manage.py check --deploy`` with the
environment of README.md: it prints no warnings.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env_bool, env_list


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [required("ALLOWED_HOSTS")]
SUBJECT_REF_KEY = required("SUBJECT_REF_KEY")  # must outlive SECRET_KEY rotations
FIELD_ENCRYPTION_KEY = required("FIELD_ENCRYPTION_KEY")  # Fernet key(s) for the refund IBAN
RECEIPT_SIGNING_KEYS = required("RECEIPT_SIGNING_KEYS")  # Ed25519 seeds that sign receipts
EVIDENCE_CHAIN_KEY = required("EVIDENCE_CHAIN_KEY")  # HMAC key of the evidence chain

# The test bank approves payments without money: off in production unless explicitly enabled.
PAYMENT_TEST_BANK_ENABLED = env_bool("PAYMENT_TEST_BANK_ENABLED", False)
if PAYMENT_TEST_BANK_ENABLED:
    PAYMENT_WEBHOOK_SECRET = required("PAYMENT_WEBHOOK_SECRET")

# TLS is terminated at the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
