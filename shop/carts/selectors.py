"""Reads of carts: finding one for a request, and the cart as the API shows it."""

import hashlib
from typing import TYPE_CHECKING, Any

from shop.catalog.cache import catalogue_version
from shop.catalog.models import ProductListing
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


# A cart view's lines with their products, by the cart's token (compiled once; shop.core.prepared).
_lines_by_token = PreparedModels(
    CartLine,
    lambda: CartLine.objects.filter(cart__token=Param("token")).order_by("created_at", "pk"),
    related="product",
)


# The listing rows (every language: a few per product) of the products in a cart, by the cart's
# token: compiled once. The locale is picked in Python: with the locale in the SQL too, SQLite
# walked that locale's whole listing (10,000 rows) by its locale index instead of looking the
# rows up by product id.
_listings_by_token = PreparedValues(
    lambda: ProductListing.objects.filter(
        product_id__in=CartLine.objects.filter(cart__token=Param("token")).values("product_id")
    ).values("product_id", "locale", "title", "slug", "image_url")
)


def cart_lines(*, cart: Cart, title_locale: str | None = None) -> list[CartLine]:
    """The cart's lines with their products, in the order they were added: one query, compiled
    once. With ``title_locale``, each line also carries its product's title in that language as
    ``listing_title`` (``None`` without a listing row): one more query."""
    lines = _lines_by_token(token=cart.token)
    if title_locale is not None and lines:
        rows = _listings_by_token(token=cart.token)
        titles = {row["product_id"]: row["title"] for row in rows if row["locale"] == title_locale}
        for line in lines:
            line.listing_title = titles.get(line.product_id)
    return lines


def cart_view_cache_key(*, cart: Cart, country: str, locale: str, shipping_method: str) -> str:
    """The cache key of a cart's answer: everything the answer is made of. The cart's lines move
    ``updated_at`` (every line write locks the cart with ``cart_lock``, which sets it); products,
    prices, stock, titles and shipping methods move the catalogue version; VAT follows the day."""
    raw = f"{cart.token}|{cart.updated_at.isoformat()}|{country}|{locale}|{shipping_method}|{today().isoformat()}"
    return f"cart:{catalogue_version()}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


def cart_view(*, cart: Cart, country: str, locale: str, shipping: Shipping | None = None) -> dict[str, Any]:
    """The cart with priced lines and totals: 2 queries (lines with products, their listing rows;
    measured cheaper than three subqueries in one) plus the VAT rates once per rates version."""
    lines = _lines_by_token(token=cart.token)
    priced = price_lines([(line.product, line.quantity) for line in lines], country=country)
    listings = (
        {row["product_id"]: row for row in _listings_by_token(token=cart.token) if row["locale"] == locale}
        if lines
        else {}
    )
    return {
        "token": cart.token,
        "country": country,
        "lines": [_line(line, p, listings.get(line.product_id, {})) for line, p in zip(lines, priced, strict=True)],
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
