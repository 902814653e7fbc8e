"""Reads of orders, always scoped to their owner."""

from django.db.models import QuerySet

from shop.accounts.models import User

from .models import Order


def orders_for_user(*, user: User) -> QuerySet[Order]:
    return Order.objects.filter(user=user).prefetch_related("lines").order_by("-created_at", "-pk")


def order_get_for_user(*, user: User, number: str) -> Order | None:
    return orders_for_user(user=user).filter(number=number).first()
