"""Writes to shop data. Every change that alters what the catalogue API shows (price, VAT class,
active flag, stock) is copied to the product's listing rows in the same transaction and bumps
the catalogue cache version after commit."""

from decimal import Decimal

from django.db import transaction
from django.db.models import F

from .cache import catalogue_bump
from .errors import InsufficientStock
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


@transaction.atomic
def product_update(
    *,
    product: Product,
    sku: str | object = _UNSET,
    net_price: Decimal | object = _UNSET,
    vat_class: VatClass | str | object = _UNSET,
    active: bool | object = _UNSET,
) -> Product:
    """Change the product's shop data (not stock: see ``stock_set``/``stock_adjust``). Saves and
    bumps the cache only when something really changed."""
    changes: dict[str, object] = {}
    if sku is not _UNSET and sku != product.sku:
        changes["sku"] = str(sku).strip()
    if net_price is not _UNSET and Decimal(net_price) != product.net_price:
        changes["net_price"] = net_price
    if vat_class is not _UNSET:
        vat_class_id = vat_class.pk if isinstance(vat_class, VatClass) else vat_class
        if vat_class_id != product.vat_class_id:
            changes["vat_class_id"] = vat_class_id
    if active is not _UNSET and bool(active) != product.active:
        changes["active"] = bool(active)
    if not changes:
        return product
    for name, value in changes.items():
        setattr(product, name, value)
    product.full_clean()
    product.save(update_fields=[*changes.keys(), "updated_at"])
    listing_update_product(product=product)
    catalogue_bump()
    return product


@transaction.atomic
def stock_set(*, product: Product, quantity: int) -> Product:
    """Set the counted stock (an editor's stocktake). Negative quantities are refused."""
    if quantity < 0:
        raise InsufficientStock(details={"available": 0})
    locked = Product.objects.select_for_update().get(pk=product.pk)
    if locked.stock_quantity != quantity:
        Product.objects.filter(pk=product.pk).update(stock_quantity=quantity)
        ProductListing.objects.filter(product_id=product.pk).update(stock_quantity=quantity)
        catalogue_bump()
    product.stock_quantity = quantity
    return product


@transaction.atomic
def stock_adjust(*, product: Product, delta: int) -> Product:
    """Add (delivery) or remove (sale) stock atomically; 409 ``insufficient_stock`` rather than
    going below zero. The row is locked so concurrent sales queue up on PostgreSQL."""
    locked = Product.objects.select_for_update().get(pk=product.pk)
    if locked.stock_quantity + delta < 0:
        raise InsufficientStock(details={"available": locked.stock_quantity})
    if delta:
        Product.objects.filter(pk=product.pk).update(stock_quantity=F("stock_quantity") + delta)
        ProductListing.objects.filter(product_id=product.pk).update(stock_quantity=locked.stock_quantity + delta)
        catalogue_bump()
    product.stock_quantity = locked.stock_quantity + delta
    return product
