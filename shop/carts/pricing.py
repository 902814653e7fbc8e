"""What a cart costs for a destination country, computed from the catalogue now: shared by the
cart API and the checkout, so the total a shopper sees is the total they are asked to pay.

Unit prices follow ``shop.catalog.vat`` (gross rounded once per unit); the VAT breakdown groups
VAT-inclusive amounts per rate (``vat_breakdown``); shipping is one more amount at its own rate.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from shop.catalog.models import Product
from shop.catalog.rates import pricing_vat_rates
from shop.catalog.vat import CENT, CURRENCY, gross_price, today, vat_breakdown
from shop.shipping.pricing import Shipping

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PricedLine:
    product: Product
    quantity: int
    vat_rate: Decimal | None  # None: the product is not sold in this country
    unit_net: Decimal
    unit_gross: Decimal
    total_gross: Decimal


def price_lines(items: Iterable[tuple[Product, int]], *, country: str) -> list[PricedLine]:
    rates = pricing_vat_rates(country=country, on=today())
    priced = []
    for product, quantity in items:
        rate = rates.get(product.vat_class_id)
        rate = Decimal(rate).quantize(CENT) if rate is not None else None
        unit_gross = gross_price(net=product.net_price, rate=rate) if rate is not None else ZERO
        priced.append(
            PricedLine(
                product=product,
                quantity=quantity,
                vat_rate=rate,
                unit_net=product.net_price,
                unit_gross=unit_gross,
                total_gross=unit_gross * quantity,
            )
        )
    return priced


def totals(lines: list[PricedLine], *, shipping: Shipping | None = None) -> dict:
    """``{currency, items, shipping, net, vat, grand_total, vat_breakdown}`` as decimal strings
    (``shipping`` is ``None`` until a method is chosen)."""
    amounts = [(line.vat_rate, line.total_gross) for line in lines if line.vat_rate is not None]
    items = sum((gross for _rate, gross in amounts), ZERO)
    if shipping is not None:
        amounts.append((shipping.vat_rate, shipping.gross))
    breakdown = vat_breakdown(amounts)
    return {
        "currency": CURRENCY,
        "items": str(items),
        "shipping": str(shipping.gross) if shipping is not None else None,
        "net": str(sum((row["net"] for row in breakdown), ZERO)),
        "vat": str(sum((row["vat"] for row in breakdown), ZERO)),
        "grand_total": str(sum((row["gross"] for row in breakdown), ZERO)),
        "vat_breakdown": [{key: str(value) for key, value in row.items()} for row in breakdown],
    }
