"""Writes for consent evidence."""

from django.db import transaction

from shop.accounts.models import User

from .models import Channel, ConsentAction, ConsentSource, MarketingConsent
from .pseudonyms import subject_ref
from .wording import marketing_wording


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

    ``ip`` must already be minimised (``shop.privacy.ip.minimised_client_ip``).
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
