"""Pseudonymous subject references.

Evidence (receipts, consents, disclosures) must outlive an erased account without naming the
person. Each row keeps ``subject_ref``: a keyed HMAC of the user id. Without the key it links to
nobody; with it, staff can still answer "did subject X accept version 3?" for a regulator.
``SUBJECT_REF_KEY`` is required in production and must never rotate (rotating breaks the links);
locally it is derived from SECRET_KEY.
"""

import hashlib
import hmac

from django.conf import settings

from .mail import normalize_email


def subject_ref(user_id: int) -> str:
    key = (settings.SUBJECT_REF_KEY or "derived:" + settings.SECRET_KEY).encode()
    return hmac.new(key, f"user:{user_id}".encode(), hashlib.sha256).hexdigest()


def email_hash(email: str) -> str:
    """A keyed hash of a normalised email address (for the suppression list): equal addresses
    match, but the list cannot be reversed or checked against guesses without the key."""
    key = (settings.SUBJECT_REF_KEY or "derived:" + settings.SECRET_KEY).encode()
    return hmac.new(key, f"email:{normalize_email(email)}".encode(), hashlib.sha256).hexdigest()
