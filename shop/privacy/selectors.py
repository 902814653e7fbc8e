"""Reads for consent state, the suppression list and the person's privacy records."""

from django.db.models import QuerySet

from shop.accounts.models import User

from .models import Channel, ConsentAction, CookieConsent, Disclosure, MarketingConsent, SuppressionEntry
from .pseudonyms import email_hash


def marketing_consent_state(*, user: User) -> dict[str, MarketingConsent | None]:
    """The newest consent row per channel (``None``: never asked), in one query."""
    state: dict[str, MarketingConsent | None] = {channel: None for channel in Channel.values}
    for consent in MarketingConsent.objects.filter(user=user).order_by("-created_at", "-pk"):
        if state[consent.channel] is None:
            state[consent.channel] = consent
    return state


def marketing_consent_active(*, user: User, channel: str) -> bool:
    """True only for consent we may act on: SMS granted, email confirmed by double opt-in."""
    latest = marketing_consent_state(user=user)[channel]
    if latest is None:
        return False
    if channel == Channel.EMAIL:
        return latest.action == ConsentAction.CONFIRMED
    return latest.action in (ConsentAction.GRANTED, ConsentAction.CONFIRMED)


def marketing_email_allowed(*, user: User) -> bool:
    """Confirmed email consent, and the address not suppressed since that confirmation."""
    latest = marketing_consent_state(user=user)[Channel.EMAIL]
    if latest is None or latest.action != ConsentAction.CONFIRMED:
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
