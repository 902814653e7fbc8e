"""Checkout: from a cart to an order awaiting payment, and from a payment's outcome to what
follows (paid: carrier hand-off and confirmation email; cancelled: stock back).

``checkout_place`` runs in one transaction: the idempotency row, the stock reservation (product
rows locked in pk order, see ``shop.catalog.stock``), the prices computed under those locks, the
order with its lines, receipts for the acknowledgements, the payment. Anything that fails rolls
all of it back, so a refused checkout leaves no trace and no stock held.
"""

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from policies.models import PolicyKind, ReceiptContext
from policies.selectors import policy_current_numbers
from policies.services import policy_acknowledge, policy_check_acknowledgement
from shop.carts.errors import CartEmpty, CartNotFound
from shop.carts.pricing import price_lines, totals
from shop.carts.selectors import cart_get, cart_lines
from shop.carts.services import cart_clear, cart_lock
from shop.catalog.stock import stock_reserve
from shop.core.outbox import outbox_add
from shop.core.pseudonyms import email_hash, subject_ref
from shop.orders.models import Order, OrderLine, OrderStatus
from shop.orders.services import order_create, order_number_new, order_set_status
from shop.payments.models import Payment, PaymentStatus
from shop.payments.providers import PaymentStart
from shop.payments.services import payment_redirect, payment_start, payment_webhook_record
from shop.shipping.errors import AddressRequired, PickupPointRequired, ShippingMethodInvalid
from shop.shipping.handoff import shipment_handoff_schedule
from shop.shipping.models import MethodKind, ShippingMethod
from shop.shipping.pricing import shipping_price
from shop.shipping.selectors import pickup_point_get, shipping_method_active

from .errors import (
    IdempotencyKeyReused,
    ProductUnavailable,
    TermsAcknowledgementRequired,
    TotalChanged,
)
from .models import CheckoutRequest

if TYPE_CHECKING:
    from shop.accounts.models import User


@dataclass(frozen=True)
class Contact:
    first_name: str
    last_name: str
    email: str
    phone: str


@dataclass(frozen=True)
class Address:
    line1: str
    postcode: str
    city: str
    country: str
    line2: str = ""


@dataclass(frozen=True)
class Acknowledgement:
    kind: str
    version: int
    locale: str
    sha256: str


@dataclass(frozen=True)
class CheckoutInput:
    cart_token: str
    contact: Contact
    shipping_method: str
    payment_method: str
    expected_total: Decimal
    pickup_point_id: str = ""
    address: Address | None = None
    acknowledgements: list[Acknowledgement] = field(default_factory=list)


@dataclass(frozen=True)
class CheckoutResult:
    order: Order
    payment: Payment
    start: PaymentStart
    replay: bool
    lines: list[OrderLine] | None = None  # the new order's lines (None for a replay)


def request_fingerprint(body: Any) -> str:
    """SHA-256 of the request body as canonical JSON (key order and spacing do not matter)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _method(code: str) -> ShippingMethod:
    method = shipping_method_active(code=code)
    if method is None:
        raise ShippingMethodInvalid.on_field("shipping.method")
    return method


def _delivery(data: CheckoutInput, method: ShippingMethod) -> dict[str, str]:
    """The order's delivery fields: a pickup point of the method's carrier and country, or a
    courier address in the method's country. Only what the kind needs is kept."""
    if method.kind == MethodKind.PICKUP_POINT:
        point = pickup_point_get(public_id=data.pickup_point_id)
        if point is None or point.carrier != method.carrier or point.country != method.country:
            raise PickupPointRequired.on_field("shipping.pickup_point_id")
        return {
            "pickup_point_id": point.public_id,
            "pickup_point_label": point.label,
            "address_country": method.country,
        }
    address = data.address
    if (
        address is None
        or address.country != method.country
        or not (address.line1 and address.postcode and address.city)
    ):
        raise AddressRequired.on_field("shipping.address")
    return {
        "address_line1": address.line1,
        "address_line2": address.line2,
        "address_postcode": address.postcode,
        "address_city": address.city,
        "address_country": address.country,
    }


def _check_acknowledgements(data: CheckoutInput, *, guest: bool) -> None:
    for ack in data.acknowledgements:
        policy_check_acknowledgement(kind=ack.kind, version=ack.version, locale=ack.locale, sha256=ack.sha256)
    if guest and PolicyKind.TERMS not in {ack.kind for ack in data.acknowledgements}:
        raise TermsAcknowledgementRequired(
            fields={"acknowledgements": [str(TermsAcknowledgementRequired.default_message)]}
        )


def _claim(key: str, request_hash: str) -> int | None:
    """Insert the idempotency row for ``key``; its id, or None when the key is taken. A
    concurrent transaction holding the same key makes this wait until it ends (unique index),
    then insert (it rolled back) or give None (it committed). One statement: no savepoint
    around an insert that may fail, which would cost two more round trips per order."""
    meta, quote = CheckoutRequest._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in ("key", "request_hash", "created_at"))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES (%s, %s, %s) "  # noqa: S608 (names, not input)
        f"ON CONFLICT ({quote(meta.get_field('key').column)}) DO NOTHING RETURNING {quote(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, request_hash, connection.ops.adapt_datetimefield_value(timezone.now())])
        row = cursor.fetchone()
    return row[0] if row else None


def _replay(record: CheckoutRequest, request_hash: str) -> CheckoutResult:
    if record.request_hash != request_hash or record.order is None:
        raise IdempotencyKeyReused()
    payment = Payment.objects.filter(order=record.order).order_by("-created_at", "-pk").first()
    return CheckoutResult(order=record.order, payment=payment, start=payment_redirect(payment=payment), replay=True)


@transaction.atomic
def checkout_place(
    *,
    key: str,
    request_hash: str,
    data: CheckoutInput,
    user: "User | None",
    locale: str,
    ip: str | None = None,
    user_agent: str = "",
) -> CheckoutResult:
    """Place the order for ``data`` once per idempotency ``key``.

    Concurrent submissions with one key: the second insert of the key waits for the first
    transaction (unique index), then finds its order; if the first failed, the second places it.
    """
    record_id = _claim(key, request_hash)
    if record_id is None:
        return _replay(CheckoutRequest.objects.select_related("order").get(key=key), request_hash)

    signed_in = user is not None and user.is_authenticated
    cart = cart_get(token=data.cart_token, user=user)
    if cart is None:
        raise CartNotFound.on_field("cart_token")
    # Locked until the order is placed: a line added meanwhile is neither lost by cart_clear
    # nor ordered unseen, and a second submission of the cart (another key) finds it empty.
    cart_lock(cart=cart)
    lines = cart_lines(cart=cart, title_locale=locale)
    if not lines:
        raise CartEmpty.on_field("cart_token")
    method = _method(data.shipping_method)
    delivery = _delivery(data, method)
    _check_acknowledgements(data, guest=not signed_in)

    quantities: dict[int, int] = {}
    for line in lines:
        quantities[line.product_id] = quantities.get(line.product_id, 0) + line.quantity
    products = stock_reserve(quantities=quantities)  # locks the rows; 409 insufficient_stock
    priced = price_lines([(products[line.product_id], line.quantity) for line in lines], country=method.country)
    if any(line.vat_rate is None for line in priced):
        raise ProductUnavailable()
    shipping = shipping_price(net=method.net_price, country=method.country)
    order_totals = totals(priced, shipping=shipping)
    if Decimal(order_totals["grand_total"]) != data.expected_total:
        raise TotalChanged(details={"totals": order_totals})

    now = timezone.now()
    contact = data.contact
    order = Order(
        number=order_number_new(),
        user=user if signed_in else None,
        subject_ref=subject_ref(user.pk) if signed_in else email_hash(contact.email),
        contact_first_name=contact.first_name,
        contact_last_name=contact.last_name,
        email=contact.email,
        phone=contact.phone,
        shipping_method_code=method.code,
        shipping_carrier=method.carrier,
        shipping_kind=method.kind,
        shipping_net=shipping.net,
        shipping_gross=shipping.gross,
        shipping_vat_rate=shipping.vat_rate,
        locale=locale,
        policy_versions=policy_current_numbers(),
        total_net=Decimal(order_totals["net"]),
        total_vat=Decimal(order_totals["vat"]),
        total_gross=Decimal(order_totals["grand_total"]),
        created_at=now,
        **delivery,
    )
    titles = {line.product_id: line.listing_title for line in lines}
    order_lines = [
        OrderLine(
            product_id=line.product.pk,
            sku=line.product.sku,
            title=titles.get(line.product.pk) or line.product.sku,
            quantity=line.quantity,
            unit_price_net=line.unit_net,
            unit_price_gross=line.unit_gross,
            vat_rate=line.vat_rate,
            total_gross=line.total_gross,
        )
        for line in priced
    ]
    order_create(order=order, lines=order_lines)
    for ack in data.acknowledgements:
        policy_acknowledge(
            user=user if signed_in else None,
            guest_ref=order.subject_ref,
            kind=ack.kind,
            version=ack.version,
            locale=ack.locale,
            sha256=ack.sha256,
            context=ReceiptContext.CHECKOUT,
            ip=ip,
            user_agent=user_agent,
        )
    payment, start = payment_start(order=order, provider=data.payment_method)
    cart_clear(cart=cart)
    CheckoutRequest.objects.filter(pk=record_id).update(order=order)
    return CheckoutResult(order=order, payment=payment, start=start, replay=False, lines=order_lines)


def confirmation_schedule(*, order: Order) -> None:
    outbox_add(
        key=f"email:order-confirmation:{order.number}",
        handler="shop.checkout.emails.order_confirmation_send",
        payload={"order_id": order.pk},
    )


@transaction.atomic
def payment_webhook_handle(*, provider: str, body: bytes, signature: str) -> dict[str, Any]:
    """A provider's signed callback: record it once, then move the order. Paid schedules the
    carrier hand-off and the confirmation email (both after commit, exactly once); cancelled
    gives the stock back. The order row is locked, so the expiry job and a webhook cannot both
    decide it."""
    outcome = payment_webhook_record(provider=provider, body=body, signature=signature)
    order = outcome.payment.order
    if outcome.replay:
        return {"received": True, "duplicate": True, "order_status": order.status}
    target = OrderStatus.PAID if outcome.status == PaymentStatus.PAID else OrderStatus.CANCELLED
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.AWAITING_PAYMENT:
        # The provider only decides unpaid orders. Money for an order that expired or was
        # cancelled meanwhile is flagged for a refund; a late "cancelled" never unpays one.
        if target == OrderStatus.PAID and order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED):
            Order.objects.filter(pk=order.pk).update(refund_pending=True)
        return {"received": True, "duplicate": False, "order_status": order.status}
    order, _changed = order_set_status(order=order, status=target, source="payment", note=outcome.payment.payment_id)
    if target == OrderStatus.PAID:
        shipment_handoff_schedule(order=order)
        confirmation_schedule(order=order)
    return {"received": True, "duplicate": False, "order_status": order.status}
