"""Reads of orders, always scoped to their owner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from .models import Order

if TYPE_CHECKING:
    from shop.accounts.models import User


def orders_for_user(*, user: User) -> QuerySet[Order]:
    return Order.objects.filter(user=user).prefetch_related("lines").order_by("-created_at", "-pk")


def order_get_for_user(*, user: User, number: str) -> Order | None:
    return orders_for_user(user=user).filter(number=number).first()


def order_refund_pending(*, user: User) -> bool:
    """Whether a refund to ``user``'s account IBAN is still to be paid (the IBAN is then locked)."""
    return Order.objects.filter(user=user, refund_pending=True).exists()
