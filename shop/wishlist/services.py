"""Writes to a shopper's wishlist and recently viewed list. All idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from shop.catalog.errors import ProductNotFound
from shop.catalog.models import Product

from .models import RecentlyViewed, WishlistItem

if TYPE_CHECKING:
    from shop.accounts.models import User

RECENTLY_VIEWED_LIMIT = 20


def _active_product(product_id: int) -> Product:
    product = Product.objects.filter(pk=product_id, active=True).first()
    if product is None:
        raise ProductNotFound()
    return product


def _save_once(row: models.Model) -> bool:
    """Validate and insert ``row``; False when a concurrent request inserted the same (user,
    product) first. Uniqueness is the database's job, so races end in one row either way."""
    row.full_clean(exclude=["user", "product"], validate_constraints=False)  # both rows were just read
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return False
    return True


@transaction.atomic
def wishlist_add(*, user: User, product_id: int) -> tuple[WishlistItem, bool]:
    """Save a product; saving it again changes nothing. Returns (item, created)."""
    product = _active_product(product_id)
    item = WishlistItem.objects.filter(user=user, product=product).first()
    if item is not None:
        return item, False
    item = WishlistItem(user=user, product=product)
    if not _save_once(item):
        return WishlistItem.objects.get(user=user, product=product), False
    return item, True


@transaction.atomic
def wishlist_remove(*, user: User, product_id: int) -> bool:
    """Forget a saved product; True when there was one (removing twice is fine)."""
    deleted, _by_model = WishlistItem.objects.filter(user=user, product_id=product_id).delete()
    return deleted > 0


def wishlist_erase(*, user: User) -> int:
    """Privacy erasure: delete every wishlist row of the user; returns how many."""
    deleted, _by_model = WishlistItem.objects.filter(user=user).delete()
    return deleted


def _trim(user: User) -> None:
    keep = (
        RecentlyViewed.objects.filter(user=user)
        .order_by("-viewed_at", "-pk")
        .values_list("pk", flat=True)[:RECENTLY_VIEWED_LIMIT]
    )
    RecentlyViewed.objects.filter(user=user).exclude(pk__in=list(keep)).delete()


def _viewed_set(*, user: User, product_id: int, viewed_at) -> None:
    """Move ``product_id`` to ``viewed_at`` in the user's list, adding it if missing."""
    row = RecentlyViewed.objects.select_for_update().filter(user=user, product_id=product_id).first()
    if row is None and _save_once(RecentlyViewed(user=user, product_id=product_id, viewed_at=viewed_at)):
        return
    row = row or RecentlyViewed.objects.select_for_update().get(user=user, product_id=product_id)
    row.viewed_at = viewed_at
    row.full_clean(exclude=["user", "product"], validate_constraints=False)  # both rows were just read
    row.save(update_fields=["viewed_at"])


@transaction.atomic
def recently_viewed_add(*, user: User, product_id: int) -> None:
    """Record a view: the product moves to the top (no duplicates); the list keeps 20."""
    product = _active_product(product_id)
    _viewed_set(user=user, product_id=product.pk, viewed_at=timezone.now())
    _trim(user)


@transaction.atomic
def recently_viewed_merge(*, user: User, product_ids: list[int]) -> None:
    """Merge the list an anonymous browser kept (newest first) after sign-in. Those views happened
    just before signing in, so they go on top in their order; ids of products that no longer
    exist or are inactive are skipped rather than refused (the browser's list can be stale)."""
    wanted = list(dict.fromkeys(product_ids))[:RECENTLY_VIEWED_LIMIT]
    active = set(Product.objects.filter(pk__in=wanted, active=True).values_list("pk", flat=True))
    now = timezone.now()
    for position, product_id in enumerate(wanted):
        if product_id in active:
            _viewed_set(user=user, product_id=product_id, viewed_at=now - timedelta(microseconds=position))
    _trim(user)


def recently_viewed_erase(*, user: User) -> int:
    """Privacy erasure: delete the user's recently viewed rows; returns how many."""
    deleted, _by_model = RecentlyViewed.objects.filter(user=user).delete()
    return deleted
