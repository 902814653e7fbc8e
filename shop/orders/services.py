"""Writes on orders: placing them, status changes (with their history and the stock they hold),
refunds, guest access links, and what privacy rights need (scrubbing, anonymisation)."""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from shop.catalog.stock import stock_release
from shop.core.pseudonyms import subject_ref

from .errors import OrderStatusInvalid
from .models import TRANSITIONS, Order, OrderLine, OrderStatus, OrderStatusChange, Refund
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


# --- Placing orders and moving them through their statuses ----------------------------------------


def order_number_new() -> str:
    """``XM`` and ten random digits: unique in practice, and not a count of the shop's sales."""
    return "XM" + "".join(secrets.choice("0123456789") for _ in range(10))


def _log(order: Order, *, from_status: str, source: str, by: User | None = None, note: str = "") -> None:
    OrderStatusChange.objects.create(
        order=order, from_status=from_status, to_status=order.status, by=by, source=source, note=note[:300]
    )


@transaction.atomic(savepoint=False)
def order_create(*, order: Order, lines: list[OrderLine], source: str = "checkout") -> Order:
    """Save a new order (status ``awaiting_payment``, expiring after the payment timeout) and its
    lines, all prices already computed by the checkout."""
    order.status = OrderStatus.AWAITING_PAYMENT
    order.expires_at = order.created_at + timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)
    # Field validation only: the checkout built every value, the foreign keys are rows it just
    # read, and the database enforces uniqueness and constraints (3 queries saved per order).
    order.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
    order.save()
    for line in lines:
        line.order = order
    OrderLine.objects.bulk_create(lines)
    _log(order, from_status="", source=source)
    return order


def _reserved(order: Order) -> dict[int, int]:
    quantities: dict[int, int] = {}
    for product_id, quantity in order.lines.filter(product_id__isnull=False).values_list("product_id", "quantity"):
        quantities[product_id] = quantities.get(product_id, 0) + quantity
    return quantities


@transaction.atomic
def order_set_status(
    *, order: Order, status: str, source: str, by: User | None = None, note: str = ""
) -> tuple[Order, bool]:
    """Move ``order`` to ``status`` if the move is allowed (``TRANSITIONS``); cancel and expiry
    give the reserved stock back. Locks the order row so a webhook, the expiry job and staff
    cannot both act on the old status. Returns ``(order, changed)``; asking for the status the
    order already has is a no-op (replayed webhooks), any other move is ``OrderStatusInvalid``."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.status == status:
        return locked, False
    if status not in TRANSITIONS.get(locked.status, set()):
        raise OrderStatusInvalid(details={"status": locked.status, "requested": status})
    previous = locked.status
    locked.status = status
    update = ["status"]
    if status == OrderStatus.PAID:
        locked.paid_at = timezone.now()
        update.append("paid_at")
    if status in (OrderStatus.CANCELLED, OrderStatus.EXPIRED):
        stock_release(quantities=_reserved(locked))
    locked.save(update_fields=update)
    _log(locked, from_status=previous, source=source, by=by, note=note)
    return locked, True


def orders_expire_unpaid(*, now=None) -> int:
    """Expire unpaid orders past ``expires_at`` (each in its own transaction, releasing stock)."""
    now = now or timezone.now()
    expired = 0
    due = Order.objects.filter(status=OrderStatus.AWAITING_PAYMENT, expires_at__lte=now).order_by("pk")
    for order in due:
        try:
            _order, changed = order_set_status(order=order, status=OrderStatus.EXPIRED, source="expiry")
        except OrderStatusInvalid:  # paid or cancelled meanwhile
            continue
        expired += changed
    return expired


@transaction.atomic
def refund_record(*, order: Order, amount: Decimal, reason: str = "", by: User | None = None) -> Refund:
    """Record money paid back for ``order`` to the customer's refund IBAN as it is now (copied
    encrypted). The shop pays refunds by bank transfer; this is the record of it."""
    iban_encrypted, iban_masked = "", ""
    if order.user_id is not None:
        user = order.user
        iban_encrypted, iban_masked = user.refund_iban_encrypted, user.refund_iban_masked
    elif order.refund_iban_encrypted:
        iban_encrypted = order.refund_iban_encrypted
    refund = Refund(
        order=order, amount=amount, iban_encrypted=iban_encrypted, iban_masked=iban_masked, reason=reason, by=by
    )
    refund.full_clean()
    refund.save()
    return refund


# --- Guest access links ------------------------------------------------------------------------------

LOOKUP_SALT = "shop.orders.lookup"


def order_lookup_token(*, order: Order) -> str:
    """The signed token of a guest's order link (from the confirmation email)."""
    return signing.dumps({"n": order.number}, salt=LOOKUP_SALT, compress=True)


def order_lookup_url(*, order: Order) -> str:
    """The storefront's page of the order: its own page for a shopper with an account, the signed
    link for a guest (the storefront reads it with ``GET /api/v1/orders/lookup/?token=``)."""
    if order.user_id is not None:
        return f"{settings.SITE_URL}/orders/{order.number}"
    return f"{settings.SITE_URL}/orders/lookup?token={order_lookup_token(order=order)}"
