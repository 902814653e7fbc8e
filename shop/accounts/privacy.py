"""The account's sections of the data export and erasure, and its retention purge steps."""

import contextlib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from shop.core.privacy_registry import iso, register_erase_step, register_purge_step, register_section

from .models import Address, AuthToken, User, UserSession
from .services.sessions import sign_out_everywhere


def profile_export(*, user: User) -> dict:
    return {
        "email": user.email,
        "pending_email": user.pending_email,
        "email_verified_at": iso(user.email_verified_at),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": str(user.phone or ""),
        "locale": user.locale,
        # Masked even here: the full number is never sent back once saved.
        "refund_iban": user.refund_iban_masked,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
    }


def addresses_export(*, user: User) -> list[dict]:
    return [
        {
            "id": a.pk,
            "first_name": a.first_name,
            "last_name": a.last_name,
            "line1": a.line1,
            "line2": a.line2,
            "postcode": a.postcode,
            "city": a.city,
            "country": a.country,
            "phone": str(a.phone or ""),
            "created_at": iso(a.created_at),
        }
        for a in Address.objects.filter(user=user).order_by("-created_at", "-pk")
    ]


def addresses_erase(*, user: User) -> int:
    return Address.objects.filter(user=user).delete()[0]


def tokens_purge() -> int:
    """Tokens that expired or were revoked are of no use to anyone: delete them."""
    now = timezone.now()
    expired = AuthToken.objects.filter(expires_at__lte=now) | AuthToken.objects.filter(revoked_at__isnull=False)
    return expired.delete()[0]


def sessions_purge() -> int:
    """Expired sessions (via the session engine) and session links older than a session can live."""
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    with contextlib.suppress(NotImplementedError):  # backends that expire on their own (cache, cookies)
        engine.clear_expired()
    cutoff = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return UserSession.objects.filter(created_at__lt=cutoff).delete()[0]


register_section("profile", export=profile_export)
register_section("addresses", export=addresses_export, erase=addresses_erase)
# Erasure ends every token and session of the account (after the sections, before the row goes).
register_erase_step("sessions", sign_out_everywhere)
register_purge_step("auth_tokens", tokens_purge)
register_purge_step("sessions", sessions_purge)
