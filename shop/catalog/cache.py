"""Catalogue cache versioning, shared by every app process through the Django cache (Redis in
production).

Cached catalogue responses are keyed with the current *catalogue version*. Publishing or
unpublishing a product or category page, and any change of price, stock, VAT class or the active
flag, bumps the version; every older entry is then simply never read again and expires on its own.
No key scanning, and it works across processes because the version lives in the shared cache.

If the version key is ever evicted it restarts from the current time in nanoseconds rather than 1,
so an old entry can never match a restarted counter.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "catalog:version"


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


def catalogue_version() -> int:
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return int(version)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set (or evicted): a fresh, never-used value
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def catalogue_bump() -> None:
    """Invalidate every cached catalogue response once the current transaction commits (at once
    outside a transaction), so no process caches the old state again after the bump."""
    transaction.on_commit(_bump)
