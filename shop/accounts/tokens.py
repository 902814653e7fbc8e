"""One-time keys for email verification, built on Django's password-reset token machinery.

A key is ``<uidb64>.<token>``. The token hashes the user's current and pending address and the
verification time, so it stops working as soon as the address is verified or changed again, and
after ``PASSWORD_RESET_TIMEOUT`` seconds like a reset token.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from .models import User


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "shop.accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        verified = "" if user.email_verified_at is None else user.email_verified_at.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.email}{user.pending_email}{verified}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()


def uid_encode(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def uid_decode(uidb64: str) -> int | None:
    try:
        return int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None


def verification_key_make(user: User) -> str:
    return f"{uid_encode(user)}.{email_verification_token.make_token(user)}"


def verification_key_user(key: str) -> User | None:
    """The user whose valid verification key this is, else ``None``."""
    uidb64, _, token = (key or "").partition(".")
    pk = uid_decode(uidb64)
    user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
    if user is None or not email_verification_token.check_token(user, token):
        return None
    return user
