"""Reads for consent state."""

from shop.accounts.models import User

from .models import Channel, ConsentAction, MarketingConsent


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
