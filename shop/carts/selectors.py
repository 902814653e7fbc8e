"""Reads of carts: finding one for a request, and the cart as the API shows it."""

import hashlib
from typing import TYPE_CHECKING, Any

from django.conf import settings

from shop.catalog.cache import catalogue_version
from shop.catalog.models import Product
from shop.catalog.vat import today
from shop.core.prepared import Param, PreparedModels, PreparedValues
from shop.shipping.pricing import Shipping

from .models import Cart, CartLine
from .pricing import PricedLine, price_lines, totals

if TYPE_CHECKING:
    from shop.accounts.models import User


# Every cart request starts here: compiled once (shop.core.prepared).
_cart_by_token = PreparedModels(Cart, lambda: Cart.objects.filter(token=Param("token")).order_by())


def cart_get(*, token: str, user: "User | None") -> Cart | None:
    """The cart with ``token``. A shopper's own cart is only theirs: for anybody else it does not
    exist (404), token or not; an anonymous cart belongs to whoever holds its token."""
    found = _cart_by_token(token=token)
    if not found:
        return None
    cart = found[0]
    if cart.user_id is not None and (user is None or not user.is_authenticated or user.pk != cart.user_id):
        return None
    return cart


# A cart's lines with their products and the products' listing rows, in the order the lines were
# added: one query by the cart's token, compiled once (shop.core.prepared). The listing rows are
# joined by product (a line comes once per language it has) and the language is picked in Python:
# with the language in the SQL too, SQLite walked that language's whole listing (10,000 rows) by
# its language index instead of looking the rows up by product.
_LISTING_COLUMNS = ("locale", "title", "slug", "image_url")
_LINE_FIELDS = [field.attname for field in CartLine._meta.concrete_fields]
_PRODUCT_FIELDS = [field.attname for field in Product._meta.concrete_fields]
_lines_with_listings = PreparedValues(
    lambda: (
        CartLine.objects.filter(cart__token=Param("token"))
        .order_by("created_at", "pk")
        .values(
            *_LINE_FIELDS,
            *(f"product__{name}" for name in _PRODUCT_FIELDS),
            *(f"product__listings__{name}" for name in _LISTING_COLUMNS),
        )
    )
)


def _lines(token: str, locale: str) -> list[CartLine]:
    """The cart's lines, each with its product loaded and ``listing``: the product's listing row in
    ``locale`` as ``{title, slug, image_url}`` (``{}`` without one). One query."""
    lines: dict[int, CartLine] = {}
    rows = _lines_with_listings(token=token)
    db = _lines_with_listings.compiled.using if rows else None
    for row in rows:
        line = lines.get(row["id"])
        if line is None:
            line = lines[row["id"]] = CartLine.from_db(db, _LINE_FIELDS, [row[name] for name in _LINE_FIELDS])
            product = Product.from_db(db, _PRODUCT_FIELDS, [row[f"product__{name}"] for name in _PRODUCT_FIELDS])
            CartLine.product.field.set_cached_value(line, product)
            line.listing = {}
        if row["product__listings__locale"] == locale:
            line.listing = {name: row[f"product__listings__{name}"] for name in _LISTING_COLUMNS[1:]}
    return list(lines.values())


def cart_lines(*, cart: Cart, title_locale: str | None = None) -> list[CartLine]:
    """The cart's lines with their products, in the order they were added: one query. Each line
    also carries its product's title in ``title_locale`` (default: the shop's language) as
    ``listing_title`` (``None`` without a listing row)."""
    lines = _lines(cart.token, title_locale or settings.LANGUAGE_CODE)
    for line in lines:
        line.listing_title = line.listing.get("title")
    return lines


def cart_view_cache_key(*, cart: Cart, country: str, locale: str, shipping_method: str) -> str:
    """The cache key of a cart's answer: everything the answer is made of. The cart's lines move
    ``updated_at`` (every line write locks the cart with ``cart_lock``, which sets it); products,
    prices, stock, titles and shipping methods move the catalogue version; VAT follows the day."""
    raw = f"{cart.token}|{cart.updated_at.isoformat()}|{country}|{locale}|{shipping_method}|{today().isoformat()}"
    return f"cart:{catalogue_version()}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


def cart_view(*, cart: Cart, country: str, locale: str, shipping: Shipping | None = None) -> dict[str, Any]:
    """The cart with priced lines and totals: one query (lines with products and listing rows) plus
    the VAT rates once per rates version."""
    lines = _lines(cart.token, locale)
    priced = price_lines([(line.product, line.quantity) for line in lines], country=country)
    return {
        "token": cart.token,
        "country": country,
        "lines": [_line(line, p, line.listing) for line, p in zip(lines, priced, strict=True)],
        "totals": totals(priced, shipping=shipping),
    }


def _line(line: CartLine, priced: PricedLine, listing: dict[str, str]) -> dict[str, Any]:
    product = line.product
    return {
        "id": line.pk,
        "product_id": product.pk,
        "sku": product.sku,
        "title": listing.get("title") or product.sku,
        "slug": listing.get("slug") or "",
        "image_url": listing.get("image_url") or "",
        "quantity": line.quantity,
        "available": product.stock_quantity if product.active and priced.vat_rate is not None else 0,
        "unit_price": {
            "gross": str(priced.unit_gross),
            "net": str(priced.unit_net),
            "vat_rate": str(priced.vat_rate) if priced.vat_rate is not None else None,
            "currency": "EUR",
        },
        "total_gross": str(priced.total_gross),
    }
