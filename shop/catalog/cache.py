"""Catalogue cache versioning, shared by every app process through the Django cache (Redis in
production).

Cached catalogue responses are keyed with the current *catalogue version*. Publishing or
unpublishing a product or category page, and any change of price, stock, VAT class or the active
flag, bumps the version; every older entry is then simply never read again and expires on its own.
No key scanning, and it works across processes because the version lives in the shared cache.

A second counter, the *rates version*, moves with every bump except the stock-only ones (sales,
cancellations, stocktakes): the memoised VAT rates that price carts and orders
(``shop.catalog.rates``) key on it, so a sale does not make the next cart or checkout request
reload them. Stock is in cached responses, so stock changes still bump the catalogue version.

If the version key is ever evicted it restarts from the current time in nanoseconds rather than 1,
so an old entry can never match a restarted counter.

Each process reads the catalogue version at most once per ``CATALOG_VERSION_MEMO_SECONDS`` (one
second by default): it was one of the two cache reads of every cached answer (a round trip to
Redis in production). The process that bumps forgets it at once; the others serve the new
catalogue within the second. Checkout prices and reserves from the database, so a price or stock
changed within that second is caught there (409 ``total_changed`` or ``insufficient_stock``).
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "catalog:version"
RATES_VERSION_KEY = "catalog:rates-version"


_pinned: ContextVar[int | None] = ContextVar("catalogue_version", default=None)


@contextmanager
def catalogue_version_pinned() -> Iterator[int]:
    """Read the version once and use it for everything inside the block (one request): one cache
    round trip instead of one per memo lookup, and one consistent view of the catalogue."""
    token = _pinned.set(catalogue_version())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


# (monotonic time until which it holds, the catalogue version read from the cache)
_memo: tuple[float, int] = (0.0, 0)


def catalogue_version() -> int:
    global _memo
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    now = time.monotonic()
    until, memoised = _memo
    if now < until:
        return memoised
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    version = int(version)
    if settings.CATALOG_VERSION_MEMO_SECONDS > 0:
        _memo = (now + settings.CATALOG_VERSION_MEMO_SECONDS, version)
    return version


def catalogue_version_forget() -> None:
    """Read the catalogue version from the cache again on the next request of this process."""
    global _memo
    _memo = (0.0, 0)


def rates_version() -> int:
    """The version the VAT-rate memo of pricing keys on (not moved by stock changes)."""
    version = cache.get(RATES_VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(RATES_VERSION_KEY, version, timeout=None):
            version = cache.get(RATES_VERSION_KEY, version)
    return int(version)


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set (or evicted): a fresh, never-used value
        cache.set(key, time.time_ns(), timeout=None)


def _bump() -> None:
    _incr(VERSION_KEY)
    _incr(RATES_VERSION_KEY)
    catalogue_version_forget()


def _bump_stock() -> None:
    _incr(VERSION_KEY)
    catalogue_version_forget()


def catalogue_bump(*, stock_only: bool = False) -> None:
    """Invalidate every cached catalogue response once the current transaction commits (at once
    outside a transaction), so no process caches the old state again after the bump.
    ``stock_only``: only stock quantities changed, the memoised VAT rates of pricing stay."""
    transaction.on_commit(_bump_stock if stock_only else _bump)
