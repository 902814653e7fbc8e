"""Shipping prices: net prices are configured per method; VAT is the destination country's
standard rate on the day (rounded like product prices, see ``shop.catalog.vat``)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from shop.catalog.rates import pricing_vat_rates
from shop.catalog.vat import CENT, CURRENCY, gross_price, today

from .models import ShippingMethod
from .selectors import shipping_methods


@dataclass(frozen=True)
class Shipping:
    vat_rate: Decimal
    net: Decimal
    gross: Decimal


def shipping_price(*, net: Decimal, country: str) -> Shipping:
    rate = Decimal(pricing_vat_rates(country=country, on=today()).get("standard") or 0).quantize(CENT)
    net = Decimal(net).quantize(CENT)
    return Shipping(vat_rate=rate, net=net, gross=gross_price(net=net, rate=rate))


def method_as_dict(method: ShippingMethod) -> dict[str, Any]:
    price = shipping_price(net=method.net_price, country=method.country)
    return {
        "code": method.code,
        "name": method.name,
        "carrier": method.carrier,
        "kind": method.kind,
        "country": method.country,
        "price": {
            "gross": str(price.gross),
            "net": str(price.net),
            "vat_rate": str(price.vat_rate),
            "currency": CURRENCY,
        },
    }


def shipping_methods_priced(*, country: str) -> list[dict[str, Any]]:
    """The active methods for ``country`` with their prices (one query plus the memoised rates)."""
    return [method_as_dict(method) for method in shipping_methods(country=country)]
