"""The privacy app's own sections of the export and erasure, and its purge steps."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from shop.core.privacy_registry import iso, register_purge_step, register_section

from .models import (
    Channel,
    ConsentAction,
    ConsentSource,
    ConsentStatus,
    CookieConsent,
    Disclosure,
    MarketingConsent,
    consent_status,
)
from .selectors import consents_for_user, cookie_consents_for_user, disclosures_for_user, marketing_consent_state
from .services import marketing_consent_record, suppression_add

if TYPE_CHECKING:
    from shop.accounts.models import User


def consents_export(*, user: User) -> list[dict]:
    return [
        {
            "channel": c.channel,
            "action": c.action,
            "source": c.source,
            "wording": c.wording,
            "locale": c.locale,
            "created_at": iso(c.created_at),
        }
        for c in consents_for_user(user=user)
    ]


def consents_erase(*, user: User) -> int:
    """Withdraw what is still active (evidence that erasure ended it), suppress the address if it
    ever received marketing email, then detach every record from the account."""
    state = marketing_consent_state(user=user)
    for channel, latest in state.items():
        if consent_status(latest) in (ConsentStatus.PENDING, ConsentStatus.GRANTED):
            marketing_consent_record(
                user=user,
                channel=channel,
                action=ConsentAction.WITHDRAWN,
                source=ConsentSource.ERASURE,
                locale=user.locale,
            )
    if state[Channel.EMAIL] is not None:
        suppression_add(email=user.email, reason="erasure")
    return MarketingConsent.objects.filter(user=user).update(user=None)


def cookie_consents_export(*, user: User) -> list[dict]:
    return [
        {
            "consent_id": str(c.consent_id),
            "categories": {
                "necessary": c.necessary,
                "preferences": c.preferences,
                "statistics": c.statistics,
                "marketing": c.marketing,
            },
            "policy_version": c.policy_version,
            "locale": c.locale,
            "ip": c.ip,
            "created_at": iso(c.created_at),
        }
        for c in cookie_consents_for_user(user=user)
    ]


def cookie_consents_erase(*, user: User) -> int:
    return CookieConsent.objects.filter(user=user).update(user=None)


def disclosure_export_row(d: Disclosure) -> dict:
    return {
        "recipient": d.recipient,
        "recipient_kind": d.recipient_kind,
        "purpose": d.purpose,
        "fields": d.fields,
        "order_number": d.order.number if d.order_id else None,
        "created_at": iso(d.created_at),
    }


def disclosures_export(*, user: User) -> list[dict]:
    return [disclosure_export_row(d) for d in disclosures_for_user(user=user)]


def disclosures_erase(*, user: User) -> int:
    return Disclosure.objects.filter(user=user).update(user=None)


def cookie_consents_purge() -> int:
    cutoff = timezone.now() - timedelta(days=settings.COOKIE_CONSENT_RETENTION_DAYS)
    return CookieConsent.objects.filter(created_at__lt=cutoff).delete()[0]


register_section("consents", export=consents_export, erase=consents_erase)
register_section("cookie_consents", export=cookie_consents_export, erase=cookie_consents_erase)
register_section("disclosures", export=disclosures_export, erase=disclosures_erase)
register_purge_step("cookie_consents", cookie_consents_purge)
