"""Stock reservations for orders: the only way checkout, cancellation and expiry touch stock.

``Product.stock_quantity`` is what can still be sold: reserving for an order takes the quantity
off at once (reserved stock counts as sold for ``in_stock`` and ``insufficient_stock``), and
cancelling or expiring an unpaid order gives it back.

Concurrency: every call locks the product rows it changes with ``SELECT ... FOR UPDATE`` in
ascending primary-key order, so two checkouts that share products queue up instead of
deadlocking, and the availability check and the decrement see the same committed quantity.
The listing rows follow in the same transaction (one ``UPDATE`` per table, however many
products) and the catalogue cache version is bumped after commit, exactly like ``stock_adjust``
(a stock-only bump: the VAT rates memoised for pricing stay). On SQLite (no row locks) the
IMMEDIATE transaction mode serialises writers instead.

The services open no savepoint when called inside a transaction (``savepoint=False``): a refusal
is meant to roll back the caller's whole transaction (the checkout), and two fewer round trips
per order count at checkout rates.
"""

from collections.abc import Mapping

from django.db import transaction
from django.db.models import BigIntegerField, Case, F, Value, When

from shop.core.prepared import PreparedModels, PreparedUpdate, typed_param

from .cache import catalogue_bump
from .errors import InsufficientStock
from .models import Product, ProductListing

# One product (most orders): its lock and its two writes, compiled once (shop.core.prepared).
_lock_one = PreparedModels(
    Product, lambda: Product.objects.select_for_update().filter(pk=typed_param("pk", BigIntegerField()))
)
_product_stock_set = PreparedUpdate(Product, "stock_quantity")
_listing_stock_set = PreparedUpdate(ProductListing, "stock_quantity", key="product")


def _locked(product_ids) -> dict[int, Product]:
    """Lock the rows in pk order (the fixed order that prevents deadlocks) and return them."""
    if len(product_ids) == 1:
        rows = _lock_one(pk=next(iter(product_ids)))
    else:
        rows = Product.objects.select_for_update().filter(pk__in=sorted(product_ids)).order_by("pk")
    return {product.pk: product for product in rows}


def _apply(products: dict[int, Product], deltas: Mapping[int, int]) -> None:
    """One ``UPDATE`` for the product rows (already locked) and one for their listing rows,
    however many products change."""
    changed = {product_id: delta for product_id, delta in deltas.items() if delta}
    new = {product_id: products[product_id].stock_quantity + delta for product_id, delta in changed.items()}
    if len(changed) == 1:
        # The row is locked (SQLite: the IMMEDIATE transaction holds the write lock), so the new
        # quantity computed from the locked read is what "stock_quantity + delta" would give.
        [product_id] = changed
        _product_stock_set(product_id, stock_quantity=new[product_id])
        _listing_stock_set(product_id, stock_quantity=new[product_id])
    elif changed:
        ids = sorted(changed)
        Product.objects.filter(pk__in=ids).update(
            stock_quantity=Case(*(When(pk=pk, then=F("stock_quantity") + changed[pk]) for pk in ids))
        )
        ProductListing.objects.filter(product_id__in=ids).update(
            stock_quantity=Case(*(When(product_id=pk, then=Value(new[pk])) for pk in ids))
        )
    for product_id, quantity in new.items():
        products[product_id].stock_quantity = quantity
    catalogue_bump(stock_only=True)


@transaction.atomic(savepoint=False)
def stock_reserve(*, quantities: Mapping[int, int]) -> dict[int, Product]:
    """Take ``{product_id: quantity}`` off the sellable stock, all or nothing.

    Raises ``InsufficientStock`` (409) listing every short product with what is still available
    (0 for a product that is inactive or gone). Returns the locked products, for pricing under
    the same lock."""
    products = _locked(quantities)
    short = []
    for product_id in sorted(quantities):
        product = products.get(product_id)
        available = product.stock_quantity if product is not None and product.active else 0
        if quantities[product_id] > available:
            short.append({"product_id": product_id, "requested": quantities[product_id], "available": available})
    if short:
        raise InsufficientStock(details={"products": short})
    _apply(products, {product_id: -quantity for product_id, quantity in quantities.items()})
    return products


@transaction.atomic(savepoint=False)
def stock_release(*, quantities: Mapping[int, int]) -> None:
    """Give reserved stock back (cancel, expiry). Products deleted since are skipped."""
    products = _locked(quantities)
    _apply(products, {pid: quantity for pid, quantity in quantities.items() if pid in products})
