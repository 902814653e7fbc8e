"""Encryption at rest for the few values we must be able to read back (the refund IBAN).

Fernet (AES-128-CBC + HMAC-SHA256) from ``cryptography``, keyed by ``FIELD_ENCRYPTION_KEY``: a
comma-separated list of keys, the first encrypts and all decrypt, so keys can be rotated. A key
may be a Fernet key (32 url-safe base64 bytes) or any passphrase, which is stretched with SHA-256.
Locally the key is derived from SECRET_KEY; production refuses to start without one.
"""

import base64
import binascii
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet_key(secret: str) -> bytes:
    try:
        if len(base64.urlsafe_b64decode(secret.encode())) == 32:
            return secret.encode()
    except (binascii.Error, ValueError):
        pass
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())


@cache
def _cipher(keys: str) -> MultiFernet:
    secrets = [k.strip() for k in keys.split(",") if k.strip()]
    return MultiFernet([Fernet(_fernet_key(secret)) for secret in secrets])


def _configured() -> MultiFernet:
    return _cipher(settings.FIELD_ENCRYPTION_KEY or "derived:" + settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return _configured().encrypt(value.encode()).decode()


class DecryptionFailed(Exception):
    """The value was encrypted with a key we no longer have, or was tampered with."""


def decrypt(token: str) -> str:
    try:
        return _configured().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionFailed from exc
