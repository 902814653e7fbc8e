"""Reads of orders, always scoped to their owner (or to the holder of a signed guest link)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.db.models import QuerySet

from shop.catalog.vat import vat_breakdown

from .models import Order, OrderLine

if TYPE_CHECKING:
    from shop.accounts.models import User


def orders_for_user(*, user: User) -> QuerySet[Order]:
    return Order.objects.filter(user=user).prefetch_related("lines").order_by("-created_at", "-pk")


def order_get_for_user(*, user: User, number: str) -> Order | None:
    return orders_for_user(user=user).filter(number=number).first()


def order_get_by_lookup_token(*, token: str) -> Order | None:
    """The order a guest's signed link names, or ``None`` for a forged or mangled token."""
    from .services import LOOKUP_SALT

    try:
        number = signing.loads(token, salt=LOOKUP_SALT)["n"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return Order.objects.filter(number=number).prefetch_related("lines").first()


def order_totals(order: Order, *, lines: list[OrderLine] | None = None) -> dict[str, Any]:
    """The order's totals with the VAT breakdown per rate (goods and shipping), as the
    invoice shows them; from the stored line prices, never from today's catalogue. ``lines``:
    the order's lines when the caller has them (the checkout that just wrote them)."""
    lines = list(order.lines.all()) if lines is None else lines
    amounts = [(line.vat_rate, line.total_gross) for line in lines]
    shipped = order.shipping_gross > 0
    if shipped:
        amounts.append((order.shipping_vat_rate, order.shipping_gross))
    items = sum((line.total_gross for line in lines), Decimal("0.00"))
    return {
        "currency": order.currency,
        "items": str(items),
        "shipping": str(order.shipping_gross),
        "net": str(order.total_net),
        "vat": str(order.total_vat),
        "grand_total": str(order.total_gross),
        "vat_breakdown": [{key: str(value) for key, value in row.items()} for row in vat_breakdown(amounts)],
    }


def order_refund_pending(*, user: User) -> bool:
    """Whether a refund to ``user``'s account IBAN is still to be paid (the IBAN is then locked)."""
    return Order.objects.filter(user=user, refund_pending=True).exists()
