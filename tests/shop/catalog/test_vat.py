"""VAT: rounding rule, seeded rates for EE and FI, and a rate change on its effective date."""

from datetime import date
from decimal import Decimal

import pytest

from shop.catalog.models import Product, VatRate
from shop.catalog.selectors import vat_rate_subquery
from shop.catalog.vat import country_for, gross_price, money

pytestmark = pytest.mark.django_db


def rate_on(country: str, vat_class: str, on: date) -> Decimal | None:
    from shop.catalog.models import VatClass

    return (
        VatClass.objects.filter(code=vat_class)
        .annotate(rate=vat_rate_subquery(country=country, on=on, vat_class_ref="code"))
        .values_list("rate", flat=True)
        .get()
    )


@pytest.mark.parametrize(
    ("net", "rate", "gross"),
    [
        ("20.08", "24.00", "24.90"),  # 24.8992
        ("10.00", "25.50", "12.55"),
        ("0.02", "25.00", "0.03"),  # 0.025 rounds half up
        ("0.01", "24.00", "0.01"),  # 0.0124
        ("99.99", "0.00", "99.99"),
    ],
)
def test_gross_rounds_half_up_to_the_cent(net, rate, gross):
    assert gross_price(net=Decimal(net), rate=Decimal(rate)) == Decimal(gross)


def test_money_shape():
    assert money(net=Decimal("20.08"), rate=Decimal("24")) == {
        "gross": "24.90",
        "net": "20.08",
        "vat_rate": "24.00",
        "currency": "EUR",
    }


def test_country_from_locale_or_parameter():
    assert [country_for(locale=code) for code in ("fi", "et", "en")] == ["FI", "EE", "EE"]
    assert country_for(locale="fi", country="ee") == "EE"


@pytest.mark.parametrize(
    ("country", "on", "rate"),
    [
        ("EE", date(2025, 6, 30), "22.00"),
        ("EE", date(2025, 7, 1), "24.00"),
        ("FI", date(2024, 8, 31), "24.00"),
        ("FI", date(2024, 9, 1), "25.50"),
    ],
)
def test_standard_rate_changes_on_its_effective_date(country, on, rate):
    assert rate_on(country, "standard", on) == Decimal(rate)


def test_a_configured_reduced_rate_change(api_client):
    VatRate.objects.create(country="EE", vat_class_id="reduced", rate=Decimal("13.00"), valid_from=date(2030, 1, 1))
    assert rate_on("EE", "reduced", date(2029, 12, 31)) == Decimal("9.00")
    assert rate_on("EE", "reduced", date(2030, 1, 1)) == Decimal("13.00")
    assert rate_on("SE", "standard", date(2030, 1, 1)) is None


def test_api_price_follows_the_rate_of_the_day(api_client, clothes, monkeypatch):
    from .factories import make_product

    make_product(clothes, title="Sukat", net_price="20.08")
    monkeypatch.setattr("shop.catalog.api.today", lambda: date(2025, 6, 30))
    before = api_client.get("/api/v1/products/", {"locale": "et"}).json()["results"][0]["price"]
    monkeypatch.setattr("shop.catalog.api.today", lambda: date(2025, 7, 1))
    after = api_client.get("/api/v1/products/", {"locale": "et"}).json()["results"][0]["price"]
    assert before == {"gross": "24.50", "net": "20.08", "vat_rate": "22.00", "currency": "EUR"}
    assert after == {"gross": "24.90", "net": "20.08", "vat_rate": "24.00", "currency": "EUR"}
    assert Product.objects.count() == 1
