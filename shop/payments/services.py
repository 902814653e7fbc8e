"""Writes on payments: starting one for an order, and recording a verified webhook event."""

import json
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from shop.core.errors import InvalidInput
from shop.orders.models import Order

from .errors import PaymentMethodInvalid, UnknownPayment, UnknownProvider
from .models import Payment, PaymentEvent, PaymentStatus
from .providers import PaymentStart, provider_get

WEBHOOK_STATUSES = (PaymentStatus.PAID, PaymentStatus.CANCELLED)


@transaction.atomic(savepoint=False)
def payment_start(*, order: Order, provider: str) -> tuple[Payment, PaymentStart]:
    """A payment for the order's grand total at ``provider``, and where to send the shopper."""
    try:
        chosen = provider_get(provider)
    except UnknownProvider as err:
        raise PaymentMethodInvalid.on_field("payment_method") from err
    payment = Payment.objects.create(
        order=order,
        provider=chosen.code,
        payment_id="pay_" + secrets.token_hex(12),
        amount=order.total_gross,
        currency=order.currency,
    )
    return payment, chosen.start(payment_id=payment.payment_id)


def payment_redirect(*, payment: Payment) -> PaymentStart:
    return provider_get(payment.provider).start(payment_id=payment.payment_id)


@dataclass(frozen=True)
class WebhookOutcome:
    payment: Payment
    status: str
    replay: bool


def _parse(body: bytes) -> dict:
    try:
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        parsed = {key: str(data[key]) for key in ("event_id", "payment_id", "order_number", "status", "currency")}
        parsed["amount"] = Decimal(str(data["amount"]))
    except (ValueError, KeyError, TypeError, InvalidOperation) as err:
        raise InvalidInput() from err
    if parsed["status"] not in WEBHOOK_STATUSES or not parsed["event_id"]:
        raise InvalidInput(fields={"status": [f"one of {', '.join(WEBHOOK_STATUSES)}"]})
    return parsed


@transaction.atomic
def payment_webhook_record(*, provider: str, body: bytes, signature: str) -> WebhookOutcome:
    """Verify the signature (400 ``invalid_signature``, nothing recorded), then record the event
    once: a replayed ``event_id`` returns ``replay=True`` and changes nothing. The payment row is
    locked so two different events for one payment apply one after the other."""
    chosen = provider_get(provider)
    chosen.verify_webhook(body=body, header=signature)
    data = _parse(body)
    payment = (
        Payment.objects.select_for_update()
        .select_related("order")
        .filter(provider=chosen.code, payment_id=data["payment_id"], order__number=data["order_number"])
        .first()
    )
    if payment is None or payment.amount != data["amount"] or payment.currency != data["currency"]:
        raise UnknownPayment()
    try:
        with transaction.atomic():
            PaymentEvent.objects.create(
                provider=chosen.code,
                event_id=data["event_id"],
                payment=payment,
                status=data["status"],
                body=body.decode("utf-8", errors="replace"),
            )
    except IntegrityError:
        return WebhookOutcome(payment=payment, status=data["status"], replay=True)
    if payment.status == PaymentStatus.PENDING:
        payment.status = data["status"]
        payment.updated_at = timezone.now()
        payment.save(update_fields=["status", "updated_at"])
    return WebhookOutcome(payment=payment, status=data["status"], replay=False)
