"""Writes on orders that privacy rights need: scrubbing contact data and anonymisation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from shop.core.pseudonyms import subject_ref

from .models import Order
from .retention import retention_cutoff

if TYPE_CHECKING:
    from shop.accounts.models import User


def _scrubbed_values() -> dict[str, str]:
    return dict.fromkeys(Order.CONTACT_FIELDS, "")


@transaction.atomic
def orders_detach_user(*, user: User) -> int:
    """On erasure: cut the orders from the account and blank their contact and address fields.
    Totals, lines, country and ``subject_ref`` stay for the accounting retention period. An
    order awaiting a refund takes a copy of the encrypted refund IBAN."""
    now = timezone.now()
    orders = Order.objects.filter(user=user)
    orders.filter(subject_ref="").update(subject_ref=subject_ref(user.pk))
    if user.refund_iban_encrypted:
        orders.filter(refund_pending=True).update(refund_iban_encrypted=user.refund_iban_encrypted)
    return orders.update(user=None, contact_scrubbed_at=now, **_scrubbed_values())


def orders_past_retention(now=None) -> QuerySet[Order]:
    return Order.objects.filter(created_at__lte=retention_cutoff(now), anonymised_at__isnull=True)


@transaction.atomic
def orders_anonymise_expired(*, now=None) -> int:
    """Orders past retention lose every link to a person (contact, address, account, subject
    reference, refund IBAN) and keep only what statistics need. Safe to run repeatedly."""
    now = now or timezone.now()
    return orders_past_retention(now).update(
        user=None,
        subject_ref="",
        refund_iban_encrypted="",
        pickup_point_id="",
        anonymised_at=now,
        contact_scrubbed_at=now,
        **_scrubbed_values(),
    )


@transaction.atomic
def orders_wipe_paid_refund_ibans() -> int:
    """An IBAN copied at erasure is only kept while the refund is pending."""
    return Order.objects.filter(refund_pending=False).exclude(refund_iban_encrypted="").update(refund_iban_encrypted="")
