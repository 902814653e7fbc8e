"""VAT rates for pricing carts, orders and shipping, memoised per *rates version*.

``selectors.vat_rates`` keys its memo by the catalogue version, and every sale bumps that (stock
is part of cached responses), so under checkout load nearly every cart or checkout request
rebuilt and re-ran the rates query. This memo keys on ``cache.rates_version()``, which every
catalogue change moves except stock-only ones: a VAT class or rate saved anywhere still
invalidates it in every process at once. One query per (rates version, country, day).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from .cache import rates_version
from .models import VatClass
from .selectors import vat_rate_subquery

_MEMO: dict[tuple, Any] = {}


def pricing_vat_rates(*, country: str, on: date) -> dict[str, Decimal | None]:
    """{VAT class: rate in force in ``country`` on the day ``on``, or None}, like
    ``selectors.vat_rates`` but not reloaded after each sale."""
    key = (rates_version(), country, on)
    try:
        return _MEMO[key]
    except KeyError:
        if len(_MEMO) > 64:
            _MEMO.clear()
        classes = VatClass.objects.annotate(rate=vat_rate_subquery(country=country, on=on, vat_class_ref="code"))
        value = _MEMO[key] = dict(classes.values_list("code", "rate"))
        return value
