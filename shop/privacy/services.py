"""Writes for privacy rights: consent evidence, double opt-in, one-click unsubscribe and the
suppression list, marketing email, cookie consents and disclosures."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shop.core.mail import build_email, send_after_commit
from shop.core.pseudonyms import email_hash, subject_ref

from .errors import InvalidToken, MarketingConsentMissing
from .models import (
    Channel,
    ConsentAction,
    ConsentSource,
    ConsentStatus,
    CookieConsent,
    Disclosure,
    MarketingConsent,
    SuppressionEntry,
    SuppressionReason,
    consent_status,
)
from .selectors import marketing_consent_state, marketing_email_allowed
from .wording import marketing_wording, unsubscribe_footer

if TYPE_CHECKING:
    from shop.accounts.models import User

CONFIRM_SALT = "shop.privacy.consent-confirm"
UNSUBSCRIBE_SALT = "shop.privacy.unsubscribe"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 30  # a double opt-in link works for 30 days


@transaction.atomic
def marketing_consent_record(
    *,
    user: User,
    channel: str,
    action: str,
    source: str,
    locale: str,
    ip: str | None = None,
) -> MarketingConsent:
    """Append one consent change for ``user`` with the wording shown in ``locale``.

    ``ip`` must already be minimised (``shop.core.ip.minimised_client_ip``).
    """
    consent = MarketingConsent(
        user=user,
        subject_ref=subject_ref(user.pk),
        channel=Channel(channel),
        action=ConsentAction(action),
        source=ConsentSource(source),
        wording=marketing_wording(channel, locale) if action != ConsentAction.WITHDRAWN else "",
        locale=locale,
        ip=ip,
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def marketing_consent_set(
    *, user: User, channel: str, granted: bool, source: str, locale: str, ip: str | None = None
) -> MarketingConsent | None:
    """Move ``channel`` to the wanted state; returns the new record, or ``None`` if nothing changed.

    Granting email starts the double opt-in: the record is ``granted`` (pending) and a
    confirmation link is emailed after commit; only following it makes the consent usable. Asking
    again while pending re-sends the link without a new record. Withdrawing email also puts the
    address on the suppression list.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one change at a time per person
    latest = marketing_consent_state(user=user)[channel]
    status = consent_status(latest)
    if granted:
        if status in (ConsentStatus.PENDING, ConsentStatus.GRANTED):
            if status == ConsentStatus.PENDING:
                _consent_confirmation_send(user=user, consent=latest)
            return None
        consent = marketing_consent_record(
            user=user, channel=channel, action=ConsentAction.GRANTED, source=source, locale=locale, ip=ip
        )
        if channel == Channel.EMAIL:
            _consent_confirmation_send(user=user, consent=consent)
        return consent
    if status in (ConsentStatus.NONE, ConsentStatus.WITHDRAWN):
        return None
    consent = marketing_consent_record(
        user=user, channel=channel, action=ConsentAction.WITHDRAWN, source=source, locale=locale, ip=ip
    )
    if channel == Channel.EMAIL:
        suppression_add(email=user.email, reason=_suppression_reason(source))
    return consent


@transaction.atomic
def marketing_consents_update(
    *, user: User, choices: Mapping[str, bool], source: str, locale: str, ip: str | None = None
) -> dict[str, MarketingConsent | None]:
    """Apply the wanted state of several channels (``{"email": True, "sms": False}``) together:
    one transaction, so either every channel changes or none does. Returns the new record per
    channel (``None`` where nothing changed)."""
    unknown = set(choices) - set(Channel.values)
    if unknown:
        raise ValueError(f"Unknown marketing channels: {sorted(unknown)}")
    return {
        channel: marketing_consent_set(
            user=user, channel=channel, granted=choices[channel], source=source, locale=locale, ip=ip
        )
        for channel in Channel.values
        if channel in choices
    }


def _suppression_reason(source: str) -> str:
    return source if source in SuppressionReason.values else SuppressionReason.PROFILE


def _consent_confirmation_send(*, user: User, consent: MarketingConsent) -> None:
    token = signing.dumps(consent.pk, salt=CONFIRM_SALT)
    link = f"{settings.SITE_URL}/consents/confirm?token={token}"
    message = build_email(
        "privacy/email/consent_confirm", to=user.email, locale=user.locale, context={"link": link, "token": token}
    )
    send_after_commit(message)


@transaction.atomic
def marketing_consent_confirm(*, token: str, ip: str | None = None) -> MarketingConsent:
    """Complete the email double opt-in. The link only confirms the grant it was sent for, and
    only while that grant is still the newest word on the channel."""
    try:
        consent_pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as exc:
        raise InvalidToken.on_field("token") from exc
    grant = MarketingConsent.objects.select_related("user").filter(pk=consent_pk, channel=Channel.EMAIL).first()
    if grant is None or grant.user is None:
        raise InvalidToken.on_field("token")
    latest = marketing_consent_state(user=grant.user)[Channel.EMAIL]
    if consent_status(latest) == ConsentStatus.GRANTED and latest.created_at >= grant.created_at:
        return latest  # the link was followed twice
    if latest is None or latest.pk != grant.pk:
        raise InvalidToken.on_field("token")
    return marketing_consent_record(
        user=grant.user,
        channel=Channel.EMAIL,
        action=ConsentAction.CONFIRMED,
        source=ConsentSource.CONFIRMATION_LINK,
        locale=grant.locale,
        ip=ip,
    )


# --- Suppression list and one-click unsubscribe ---------------------------------------------------


def suppression_add(*, email: str, reason: str, channel: str = Channel.EMAIL) -> SuppressionEntry:
    entry = SuppressionEntry(email_hash=email_hash(email), channel=channel, reason=SuppressionReason(reason))
    entry.full_clean()
    entry.save()
    return entry


def unsubscribe_token_make(*, user: User) -> str:
    """An opaque, signed token naming the person by pseudonym and the address by keyed hash; it
    does not expire (an old newsletter's link must keep working)."""
    return signing.dumps([subject_ref(user.pk), email_hash(user.email)], salt=UNSUBSCRIBE_SALT, compress=True)


def _unsubscribe_token_read(token: str) -> tuple[str, str]:
    try:
        ref, hashed = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise InvalidToken() from exc
    return ref, hashed


def _user_by_subject_ref(ref: str) -> User | None:
    consent = MarketingConsent.objects.select_related("user").filter(subject_ref=ref, user__isnull=False).first()
    return consent.user if consent else None


def unsubscribe_state(*, token: str) -> dict[str, Any]:
    """What ``GET /unsubscribe/{token}/`` shows; never changes anything."""
    ref, _hashed = _unsubscribe_token_read(token)
    user = _user_by_subject_ref(ref)
    subscribed = user is not None and marketing_email_allowed(user=user)
    return {"channel": Channel.EMAIL.value, "subscribed": subscribed}


@transaction.atomic
def unsubscribe(*, token: str) -> dict[str, Any]:
    """One-click unsubscribe (RFC 8058): withdraw email consent and suppress the address the
    message went to. Idempotent; works after erasure too (the address is still suppressed)."""
    ref, hashed = _unsubscribe_token_read(token)
    user = _user_by_subject_ref(ref)
    if user is not None:
        marketing_consent_set(
            user=user,
            channel=Channel.EMAIL,
            granted=False,
            source=ConsentSource.UNSUBSCRIBE_LINK,
            locale=user.locale,
        )
    # The address the message went to (it may no longer be the account's address).
    if not SuppressionEntry.objects.filter(email_hash=hashed, channel=Channel.EMAIL).exists():
        entry = SuppressionEntry(email_hash=hashed, channel=Channel.EMAIL, reason=SuppressionReason.UNSUBSCRIBE_LINK)
        entry.full_clean()
        entry.save()
    return {"channel": Channel.EMAIL.value, "subscribed": False}


def unsubscribe_url(token: str) -> str:
    """The one-click address (RFC 8058): mail clients POST to it from the List-Unsubscribe header."""
    return settings.SITE_URL + reverse("api-v1:unsubscribe", kwargs={"token": token})


def unsubscribe_page_url(token: str) -> str:
    """The storefront page a person opens from the message body: it shows the state and a button."""
    return f"{settings.SITE_URL}/unsubscribe/{token}"


def send_marketing_email(*, user: User, subject: str, body: str) -> EmailMessage:
    """Send one marketing email, only to a recipient with confirmed (double opt-in) consent whose
    address is not suppressed. Carries RFC 2369/8058 one-click unsubscribe headers."""
    if not marketing_email_allowed(user=user):
        raise MarketingConsentMissing()
    token = unsubscribe_token_make(user=user)
    url = unsubscribe_url(token)
    message = EmailMessage(
        subject=subject,
        body=f"{body.rstrip()}\n\n-- \n{unsubscribe_footer(user.locale, unsubscribe_page_url(token))}\n",
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{url}>, <mailto:{settings.UNSUBSCRIBE_MAILTO}?subject=unsubscribe%20{token}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    send_after_commit(message)
    return message


# --- Cookie consents and disclosures --------------------------------------------------------------


@transaction.atomic
def cookie_consent_record(
    *,
    consent_id: uuid.UUID | None,
    preferences: bool,
    statistics: bool,
    marketing: bool,
    policy_version: int,
    locale: str,
    ip: str | None,
    user: User | None,
) -> CookieConsent:
    """A new cookie choice (a new row even for a known ``consent_id``); necessary is always on."""
    consent = CookieConsent(
        consent_id=consent_id or uuid.uuid4(),
        user=user if user is not None and user.is_authenticated else None,
        necessary=True,
        preferences=preferences,
        statistics=statistics,
        marketing=marketing,
        policy_version=policy_version,
        locale=locale,
        ip=ip,
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def disclosure_record(
    *, order: Any, recipient: str, recipient_kind: str, fields: list[str], purpose: str = ""
) -> Disclosure:
    """Log that ``fields`` of ``order``'s customer went to ``recipient`` (a carrier, a processor)."""
    disclosure = Disclosure(
        user_id=order.user_id,
        subject_ref=order.subject_ref or (subject_ref(order.user_id) if order.user_id else ""),
        order=order,
        recipient=recipient,
        recipient_kind=recipient_kind,
        purpose=purpose,
        fields=list(fields),
        created_at=timezone.now(),
    )
    disclosure.full_clean()
    disclosure.save()
    return disclosure
