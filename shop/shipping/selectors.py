"""Reads of shipping data for the API and the checkout."""

from collections.abc import Callable

from django.db.models import QuerySet

from shop.catalog.cache import rates_version
from shop.core.prepared import Param, PreparedModels

from .models import PickupPoint, ShippingMethod
from .services import search_text


def shipping_methods(*, country: str) -> QuerySet[ShippingMethod]:
    return ShippingMethod.objects.filter(country=country, active=True).order_by("sort_order", "code", "pk")


# Every cart view with a shipping method and every checkout reads this: compiled once (codes are unique).
_method = PreparedModels(ShippingMethod, lambda: shipping_methods(country=Param("country")).filter(code=Param("code")))


# Methods are configuration: found ones are remembered per process and rates version, which a
# saved or deleted method moves (shop.shipping.signals -> catalogue_bump), as VAT rates are
# (shop.catalog.rates). Bounded: the codes come from clients.
_MEMO: dict[tuple, ShippingMethod | None] = {}
_MEMO_MAX = 256


def _memoised(key: tuple, find: Callable[[], list[ShippingMethod]]) -> ShippingMethod | None:
    key = (rates_version(), *key)
    try:
        return _MEMO[key]
    except KeyError:
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        found = find()
        method = _MEMO[key] = found[0] if found else None
        return method


def shipping_method_get(*, code: str, country: str) -> ShippingMethod | None:
    """The active method ``code`` for ``country`` (read-only: the instance is shared)."""
    return _memoised(("country", code, country), lambda: _method(code=code, country=country))


def pickup_points_search(
    *, carrier: str | None = None, country: str | None = None, q: str = ""
) -> QuerySet[PickupPoint]:
    """Active points, filtered by carrier and country; every word of ``q`` must start a word of
    the point's name, city, postcode or address (case- and accent-insensitive)."""
    points = PickupPoint.objects.filter(active=True)
    if carrier:
        points = points.filter(carrier=carrier)
    if country:
        points = points.filter(country=country)
    for word in search_text(q).split():
        points = points.filter(search_text__contains=f" {word}")
    return points.order_by("carrier", "country", "city", "name", "pk")


def pickup_point_get(*, public_id: str) -> PickupPoint | None:
    """A point by its API id ``<carrier>:<carrier's id>``, active only."""
    carrier, _, external_id = (public_id or "").partition(":")
    if not carrier or not external_id:
        return None
    found = _point(carrier=carrier, external_id=external_id)
    return found[0] if found else None


# Every pickup-point checkout reads this: compiled once ((carrier, external_id) is unique).
_point = PreparedModels(
    PickupPoint,
    lambda: PickupPoint.objects.filter(carrier=Param("carrier"), external_id=Param("external_id"), active=True),
)


# Checkout finds the method by code alone (its country follows from it): compiled once.
_active_method = PreparedModels(ShippingMethod, lambda: ShippingMethod.objects.filter(code=Param("code"), active=True))


def shipping_method_active(*, code: str) -> ShippingMethod | None:
    """The active method with ``code`` (codes are unique), whichever its country (read-only: the
    instance is shared)."""
    return _memoised(("any", code), lambda: _active_method(code=code))
