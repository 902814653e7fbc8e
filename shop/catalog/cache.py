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

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "catalog:version"


def catalogue_version() -> int:
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
