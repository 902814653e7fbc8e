"""Reads for consent state, the suppression list and the person's privacy records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from shop.core.pseudonyms import email_hash

from .models import (
    Channel,
    ConsentStatus,
    CookieConsent,
    Disclosure,
    MarketingConsent,
    SuppressionEntry,
    consent_status,
)
from .wording import marketing_wording

if TYPE_CHECKING:
    from shop.accounts.models import User


def marketing_consent_state(*, user: User) -> dict[str, MarketingConsent | None]:
    """The newest consent row per channel (``None``: never asked), in one query."""
    state: dict[str, MarketingConsent | None] = {channel: None for channel in Channel.values}
    for consent in MarketingConsent.objects.filter(user=user).order_by("-created_at", "-pk"):
        if state[consent.channel] is None:
            state[consent.channel] = consent
    return state


def marketing_consent_active(*, user: User, channel: str) -> bool:
    """True only for consent we may act on: SMS granted, email confirmed by double opt-in."""
    return consent_status(marketing_consent_state(user=user)[channel]) == ConsentStatus.GRANTED


def marketing_consents_overview(*, user: User, locale: str) -> dict[str, dict[str, Any]]:
    """Per channel: its status, where and when it last changed, the wording it was given against
    and the wording to show when asking now (in ``locale``)."""
    return {
        channel: {
            "status": consent_status(latest).value,
            "source": latest.source if latest else None,
            "changed_at": latest.created_at if latest else None,
            "wording": latest.wording if latest else "",
            "current_wording": marketing_wording(channel, locale),
        }
        for channel, latest in marketing_consent_state(user=user).items()
    }


def marketing_email_allowed(*, user: User) -> bool:
    """Confirmed email consent, and the address not suppressed since that confirmation."""
    latest = marketing_consent_state(user=user)[Channel.EMAIL]
    if latest is None or consent_status(latest) != ConsentStatus.GRANTED:
        return False
    return not SuppressionEntry.objects.filter(
        email_hash=email_hash(user.email), channel=Channel.EMAIL, created_at__gt=latest.created_at
    ).exists()


def disclosures_for_user(*, user: User) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(user=user).select_related("order").order_by("-created_at", "-pk")


def cookie_consents_for_user(*, user: User) -> QuerySet[CookieConsent]:
    return CookieConsent.objects.filter(user=user).order_by("-created_at", "-pk")


def consents_for_user(*, user: User) -> QuerySet[MarketingConsent]:
    return MarketingConsent.objects.filter(user=user).order_by("-created_at", "-pk")
