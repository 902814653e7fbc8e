"""Writes to shop data. Every change that alters what the catalogue API shows (price, VAT class,
active flag, stock) is copied to the product's listing rows in the same transaction and bumps
the catalogue cache version after commit.

Each write locks the product row (``select_for_update``, a no-op on SQLite, where writers are
serialised anyway) and changes only the columns it was asked to change, so concurrent writers
(a sale, an editor, a stocktake) never overwrite each other's fields. Callers that show values to
a person first (the page editor) pass the values they showed as ``expected_*``: a change in the
meantime is refused with ``ShopDataChanged`` instead of being silently overwritten.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import F

from .cache import catalogue_bump
from .errors import InsufficientStock, ShopDataChanged
from .listing import listing_update_product
from .models import Product, ProductListing, VatClass

_UNSET = object()


@transaction.atomic
def product_create(
    *,
    sku: str,
    net_price: Decimal,
    vat_class: VatClass | str = "standard",
    stock_quantity: int = 0,
    active: bool = True,
) -> Product:
    vat_class_id = vat_class.pk if isinstance(vat_class, VatClass) else vat_class
    product = Product(
        sku=sku.strip(), net_price=net_price, vat_class_id=vat_class_id, stock_quantity=stock_quantity, active=active
    )
    product.full_clean()
    product.save()
    catalogue_bump()
    return product


def _lock(product: Product) -> Product:
    return Product.objects.select_for_update().get(pk=product.pk)


@transaction.atomic
def product_update(
    *,
    product: Product,
    sku: str | object = _UNSET,
    net_price: Decimal | object = _UNSET,
    vat_class: VatClass | str | object = _UNSET,
    active: bool | object = _UNSET,
    expected_net_price: Decimal | None = None,
) -> Product:
    """Change the product's shop data (not stock: see ``stock_set``/``stock_adjust``). Writes only
    the given fields that differ from the locked row; saves and bumps the cache only when
    something really changed. ``expected_net_price``: refuse if the price is no longer this."""
    locked = _lock(product)
    if expected_net_price is not None and locked.net_price != Decimal(expected_net_price):
        raise ShopDataChanged(details={"net_price": str(locked.net_price)})
    changes: dict[str, object] = {}
    if sku is not _UNSET and str(sku).strip() != locked.sku:
        changes["sku"] = str(sku).strip()
    if net_price is not _UNSET and Decimal(net_price) != locked.net_price:
        changes["net_price"] = net_price
    if vat_class is not _UNSET:
        vat_class_id = vat_class.pk if isinstance(vat_class, VatClass) else vat_class
        if vat_class_id != locked.vat_class_id:
            changes["vat_class_id"] = vat_class_id
    if active is not _UNSET and bool(active) != locked.active:
        changes["active"] = bool(active)
    if changes:
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save(update_fields=[*changes.keys(), "updated_at"])
        listing_update_product(product=locked)
        catalogue_bump()
    for name in ("sku", "net_price", "vat_class_id", "stock_quantity", "active", "updated_at"):
        setattr(product, name, getattr(locked, name))
    return product


@transaction.atomic
def stock_set(*, product: Product, quantity: int, expected: int | None = None) -> Product:
    """Set the counted stock (an editor's stocktake). Negative quantities are refused;
    ``expected``: refuse if the stock is no longer this (sold since the editor looked)."""
    if quantity < 0:
        raise InsufficientStock(details={"available": 0})
    locked = _lock(product)
    if expected is not None and locked.stock_quantity != expected:
        raise ShopDataChanged(details={"stock_quantity": locked.stock_quantity})
    if locked.stock_quantity != quantity:
        Product.objects.filter(pk=product.pk).update(stock_quantity=quantity)
        ProductListing.objects.filter(product_id=product.pk).update(stock_quantity=quantity)
        catalogue_bump(stock_only=True)
    product.stock_quantity = quantity
    return product


@transaction.atomic
def stock_adjust(*, product: Product, delta: int) -> Product:
    """Add (delivery) or remove (sale) stock atomically; 409 ``insufficient_stock`` rather than
    going below zero. The row is locked so concurrent sales queue up on PostgreSQL."""
    locked = _lock(product)
    if locked.stock_quantity + delta < 0:
        raise InsufficientStock(details={"available": locked.stock_quantity})
    if delta:
        Product.objects.filter(pk=product.pk).update(stock_quantity=F("stock_quantity") + delta)
        ProductListing.objects.filter(product_id=product.pk).update(stock_quantity=locked.stock_quantity + delta)
        catalogue_bump(stock_only=True)
    product.stock_quantity = locked.stock_quantity + delta
    return product
