"""VAT: which country a price is for, and the gross price a consumer pays.

Rounding rule (one place, used by the API, carts and tests)::

    gross = round_half_up(net * (100 + rate) / 100, 0.01)

``net`` is the product's net price (two decimals), ``rate`` the VAT percentage in force in the
destination country on the day (``VatRate``, two decimals). The product is rounded once per unit
price, half up to the cent (0.005 rounds to 0.01); ``Decimal`` arithmetic throughout, never floats.
Example: net 20.08 at 24 % is 24.8992, shown as 24.90.

Destination country: an explicit ``?country=`` (one of ``COUNTRIES``), else the locale's usual
market (``fi`` -> FI, ``et`` and ``en`` -> EE, where the shop is based).
"""

import time
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

CURRENCY = "EUR"
COUNTRIES = ("EE", "FI")
LOCALE_COUNTRY = {"fi": "FI", "et": "EE", "en": "EE"}
DEFAULT_COUNTRY = "EE"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def country_for(*, locale: str, country: str | None = None) -> str:
    """The destination country for prices: an explicit country, else the locale's market."""
    if country:
        return country.upper()
    return LOCALE_COUNTRY.get(locale, DEFAULT_COUNTRY)


_today: tuple[float, date] = (0.0, date.min)  # (the next local midnight as a timestamp, today)


def today() -> date:
    """The shop's calendar day (Europe/Tallinn): a new rate applies from local midnight. Every
    priced request asks: the day is worked out once and kept until the next local midnight."""
    global _today
    until, day = _today
    now = time.time()
    if now >= until:
        local = timezone.localtime(datetime.fromtimestamp(now, tz=UTC))
        day = local.date()
        midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=local.tzinfo)
        _today = (midnight.timestamp(), day)
    return day


def gross_price(*, net: Decimal, rate: Decimal) -> Decimal:
    """Gross unit price, rounded half up to the cent (see the module docstring)."""
    return (Decimal(net) * (HUNDRED + Decimal(rate)) / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def money(*, net: Decimal, rate: Decimal) -> dict[str, str]:
    """The API's money object: ``{"gross", "net", "vat_rate", "currency"}`` as decimal strings."""
    net = Decimal(net).quantize(CENT)
    rate = Decimal(rate).quantize(CENT)
    return {
        "gross": str(gross_price(net=net, rate=rate)),
        "net": str(net),
        "vat_rate": str(rate),
        "currency": CURRENCY,
    }


def vat_breakdown(amounts) -> list[dict[str, Decimal]]:
    """Group VAT-inclusive amounts by rate, as an Estonian or Finnish invoice lists them.

    ``amounts`` yields ``(rate, gross)`` pairs. Per rate: ``gross`` is the sum, ``net`` is
    ``round_half_up(gross * 100 / (100 + rate), 0.01)`` and ``vat`` is ``gross - net``, so the
    parts always add up to what the customer pays. Sorted by rate, highest first."""
    by_rate: dict[Decimal, Decimal] = {}
    for rate, gross in amounts:
        rate = Decimal(rate).quantize(CENT)
        by_rate[rate] = by_rate.get(rate, Decimal("0.00")) + Decimal(gross)
    rows = []
    for rate in sorted(by_rate, reverse=True):
        gross = by_rate[rate].quantize(CENT)
        net = (gross * HUNDRED / (HUNDRED + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
        rows.append({"rate": rate, "net": net, "vat": gross - net, "gross": gross})
    return rows
