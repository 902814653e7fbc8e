"""Writes on carts. Each write locks the cart row first, so concurrent requests on one cart
(two tabs, a merge during an add) apply one after the other and no line is lost."""

import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import BigIntegerField, OuterRef, Subquery
from django.utils import timezone

from shop.catalog.errors import InsufficientStock, ProductNotFound
from shop.catalog.models import Product
from shop.core.prepared import PreparedStatement, PreparedUpdate, PreparedValues, typed_param

from .errors import CartLineNotFound, CartNotFound
from .models import Cart, CartLine

if TYPE_CHECKING:
    from shop.accounts.models import User


def _new_token() -> str:
    return secrets.token_urlsafe(32)


# The cart lock of every line write, with its SQL written once (shop.core.prepared).
_cart_touch = PreparedUpdate(Cart, "updated_at")


def _touch(cart: Cart) -> int:
    cart.updated_at = timezone.now()
    return _cart_touch(cart.pk, updated_at=cart.updated_at)


def cart_lock(*, cart: Cart) -> None:
    """Lock the cart row until the transaction ends, marking the cart as used (``updated_at``)
    in the same statement: line writes, merges and checkouts of one cart queue up. A cart
    deleted meanwhile (merged into an account's cart) is ``CartNotFound``."""
    if not _touch(cart):
        raise CartNotFound()


def cart_create(*, user: "User | None" = None) -> Cart:
    """A new anonymous cart, or the signed-in shopper's one persistent cart."""
    if user is not None and user.is_authenticated:
        return cart_for_user(user=user)
    return Cart.objects.create(token=_new_token())


def cart_for_user(*, user: "User") -> Cart:
    """The shopper's cart, created on first use; safe when two requests create it at once."""
    cart = Cart.objects.filter(user=user).first()
    if cart is not None:
        return cart
    try:
        with transaction.atomic():
            return Cart.objects.create(user=user, token=_new_token())
    except IntegrityError:
        return Cart.objects.get(user=user)


def _check_stock(product: Product, quantity: int) -> None:
    if quantity > product.stock_quantity:
        raise InsufficientStock(
            details={"product_id": product.pk, "requested": quantity, "available": product.stock_quantity}
        )


def _product_with_line_query():
    existing = CartLine.objects.filter(cart_id=typed_param("cart_id", BigIntegerField()), product=OuterRef("pk"))
    return (
        Product.objects.filter(pk=typed_param("product_id", BigIntegerField()), active=True)
        .annotate(
            line_id=Subquery(existing.order_by().values("pk")[:1]),
            line_quantity=Subquery(existing.order_by().values("quantity")[:1]),
        )
        .order_by()
        .values("id", "stock_quantity", "line_id", "line_quantity")
    )


# An active product and the cart's line for it (if any), in one query compiled once: why an
# add-line wrote nothing (unknown or inactive product, or not enough stock).
_product_with_line = PreparedValues(_product_with_line_query)


def _line_upsert_sql(connection: Any, *, locked: str = "") -> str:
    """Add to the cart's line for an active product, or start one, only while the stock allows:
    one statement that writes one row or none. Names come from the models, quoted by the backend;
    every value is a parameter. ``ON CONFLICT ... DO UPDATE ... WHERE`` is the same on SQLite and
    PostgreSQL; the sum is compared as a 64-bit number, so no quantity can overflow the column.
    Parameters: cart id, quantity, created_at, product id, quantity; with ``locked`` (the name of
    a row source holding the locked cart's id) the cart id comes from there instead."""
    q = connection.ops.quote_name
    line, product = q(CartLine._meta.db_table), q(Product._meta.db_table)
    field = CartLine._meta.get_field
    cart_id, product_id, quantity = q(field("cart").column), q(field("product").column), q(field("quantity").column)
    created_at = q(field("created_at").column)
    stock, active = q(Product._meta.get_field("stock_quantity").column), q(Product._meta.get_field("active").column)
    pk = q(Product._meta.pk.column)
    cart = f"{locked}.{q(Cart._meta.pk.column)}" if locked else "%s"
    sources = f"{locked}, {product}" if locked else product
    return (
        f"INSERT INTO {line} ({cart_id}, {product_id}, {quantity}, {created_at}) "  # noqa: S608
        f"SELECT {cart}, {product}.{pk}, %s, %s FROM {sources} "
        f"WHERE {product}.{pk} = %s AND {active} AND {stock} >= %s "
        f"ON CONFLICT ({cart_id}, {product_id}) DO UPDATE SET {quantity} = {line}.{quantity} + excluded.{quantity} "
        f"WHERE CAST({line}.{quantity} AS BIGINT) + excluded.{quantity} <= "
        f"(SELECT {stock} FROM {product} WHERE {pk} = excluded.{product_id})"
    )


def _locked_add_sql(connection: Any) -> str:
    """PostgreSQL: the cart's row lock, the upsert, and marking the cart used only if a line was
    written, as one statement (a data-modifying ``WITH``). Outside a transaction it is one round
    trip where ``BEGIN``, lock, upsert and ``COMMIT`` took four. The upsert reads the locked cart,
    so the lock is taken before any line is written (a concurrent merge of this cart finishes
    first, and then the cart is gone: nothing is written). Parameters: cart id, the upsert's
    (its cart id comes from the lock), updated_at. Its row count is the cart's: 1 or 0."""
    q = connection.ops.quote_name
    cart, cart_pk = q(Cart._meta.db_table), q(Cart._meta.pk.column)
    updated_at, line_cart = q(Cart._meta.get_field("updated_at").column), q(CartLine._meta.get_field("cart").column)
    return (
        f"WITH locked AS (SELECT {cart_pk} FROM {cart} WHERE {cart_pk} = %s FOR UPDATE), "  # noqa: S608
        f"added AS ({_line_upsert_sql(connection, locked='locked')} RETURNING {line_cart}) "
        f"UPDATE {cart} SET {updated_at} = %s WHERE {cart_pk} IN (SELECT {line_cart} FROM added)"
    )


# Both statements' SQL is written once per database (shop.core.prepared).
_upsert = PreparedStatement(CartLine, _line_upsert_sql)
_locked_add = PreparedStatement(CartLine, _locked_add_sql)


def cart_add_line(*, cart: Cart, product_id: int, quantity: int) -> None:
    """Add ``quantity`` of a product (to its line, if the cart has one); 409 beyond the stock.

    The cart is locked first, then one upsert adds the line or to it, within the stock, and the
    cart is marked used. On PostgreSQL that is one statement (``_locked_add_sql``); elsewhere a
    transaction of two. Only when nothing was written is the product read, to say why (404 or
    409), and a refused add changes nothing, not even the cart's ``updated_at`` (README,
    Performance)."""
    connection = connections[router.db_for_write(CartLine)]
    now = timezone.now()
    upsert = [cart.pk, quantity, CartLine._meta.get_field("created_at").get_db_prep_save(now, connection)]
    upsert += [product_id, quantity]
    if connection.vendor == "postgresql":
        updated_at = Cart._meta.get_field("updated_at").get_db_prep_save(now, connection)
        written = _locked_add([*upsert, updated_at]) == 1
        if written:
            cart.updated_at = now
        elif not Cart.objects.filter(pk=cart.pk).exists():
            raise CartNotFound()
    else:
        written = _add_in_transaction(cart, upsert)
    if not written:
        raise _refusal(cart=cart, product_id=product_id, quantity=quantity)


@transaction.atomic
def _add_in_transaction(cart: Cart, upsert: list) -> bool:
    cart_lock(cart=cart)
    if _upsert(upsert) != 1:
        transaction.set_rollback(True)  # the lock's mark on the cart goes too
        return False
    return True


def _refusal(*, cart: Cart, product_id: int, quantity: int) -> Exception:
    """Why an add-line wrote nothing: the product is unknown or inactive (404), or the stock is
    short (409, with what the line would have held and what there is)."""
    found = _product_with_line(cart_id=cart.pk, product_id=product_id)
    if not found:
        return ProductNotFound.on_field("product_id")
    row = found[0]
    return InsufficientStock(
        details={
            "product_id": product_id,
            "requested": quantity + (row["line_quantity"] or 0),
            "available": row["stock_quantity"],
        }
    )


@transaction.atomic
def cart_update_line(*, cart: Cart, line_id: int, quantity: int) -> CartLine:
    cart_lock(cart=cart)
    line = CartLine.objects.select_related("product").filter(cart=cart, pk=line_id).order_by().first()
    if line is None:
        raise CartLineNotFound()
    if not line.product.active:
        raise ProductNotFound()
    _check_stock(line.product, quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    return line


@transaction.atomic
def cart_delete_line(*, cart: Cart, line_id: int) -> None:
    cart_lock(cart=cart)
    deleted, _ = CartLine.objects.filter(cart=cart, pk=line_id).delete()
    if not deleted:
        raise CartLineNotFound()


@transaction.atomic(savepoint=False)
def cart_clear(*, cart: Cart) -> None:
    """Empty a cart the caller locked with ``cart_lock`` (which marked it used)."""
    CartLine.objects.filter(cart=cart).delete()


@transaction.atomic
def cart_merge(*, user: "User", token: str) -> dict[str, Any]:
    """Move the anonymous cart ``token`` into ``user``'s cart: quantities are added and capped
    at the stock. Returns ``{token, merged: [...], capped: [...]}`` for the login response.

    Both carts are locked in pk order, so merges and line writes on either cart queue up. A
    token that is unknown, already merged or someone else's merges nothing."""
    target = cart_for_user(user=user)
    source = Cart.objects.filter(token=token, user__isnull=True).first() if token else None
    report: dict[str, Any] = {"token": target.token, "merged": [], "capped": []}
    if source is None:
        return report
    carts = Cart.objects.select_for_update().filter(pk__in=[target.pk, source.pk]).order_by("pk")
    locked = {cart.pk: cart for cart in carts}
    if source.pk not in locked:  # merged by a concurrent request meanwhile
        return report
    existing = {line.product_id: line for line in CartLine.objects.filter(cart=target)}
    for line in CartLine.objects.filter(cart=source).select_related("product").order_by("product_id"):
        product = line.product
        have = existing[product.pk].quantity if product.pk in existing else 0
        wanted = have + line.quantity
        allowed = min(wanted, product.stock_quantity) if product.active else have
        if allowed > have:
            if product.pk in existing:
                CartLine.objects.filter(pk=existing[product.pk].pk).update(quantity=allowed)
            else:
                CartLine.objects.create(cart=target, product=product, quantity=allowed)
            report["merged"].append({"product_id": product.pk, "quantity": allowed - have})
        if allowed < wanted:
            report["capped"].append({"product_id": product.pk, "requested": wanted, "quantity": allowed})
    source.delete()
    _touch(target)
    return report


@transaction.atomic
def carts_purge_expired(*, now=None) -> int:
    """Anonymous carts untouched for ``CART_TTL_DAYS`` are deleted (a shopper's own cart stays)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CART_TTL_DAYS)
    deleted, _ = Cart.objects.filter(user__isnull=True, updated_at__lt=cutoff).delete()
    return deleted
