"""Reads of a shopper's lists, always scoped to the user, plus the privacy export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from shop.core.formats import iso_datetime

from .models import RecentlyViewed, WishlistItem

if TYPE_CHECKING:
    from shop.accounts.models import User


def wishlist_items(*, user: User) -> QuerySet[WishlistItem]:
    """The user's saved items of active products, newest first."""
    return WishlistItem.objects.filter(user=user, product__active=True).order_by("-created_at", "-pk")


def recently_viewed_items(*, user: User) -> QuerySet[RecentlyViewed]:
    """The user's recently viewed active products, newest first."""
    return RecentlyViewed.objects.filter(user=user, product__active=True).order_by("-viewed_at", "-pk")


def wishlist_export(*, user: User) -> list[dict]:
    """Privacy export: every wishlist row of the user (active products or not)."""
    return [
        {"product_id": row["product_id"], "sku": row["product__sku"], "created_at": iso_datetime(row["created_at"])}
        for row in WishlistItem.objects.filter(user=user).values("product_id", "product__sku", "created_at")
    ]


def recently_viewed_export(*, user: User) -> list[dict]:
    """Privacy export: every recently viewed row of the user."""
    return [
        {"product_id": row["product_id"], "sku": row["product__sku"], "viewed_at": iso_datetime(row["viewed_at"])}
        for row in RecentlyViewed.objects.filter(user=user).values("product_id", "product__sku", "viewed_at")
    ]
