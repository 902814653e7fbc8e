"""The list's stored price keys (``ProductListing.price_key_<country>``): indexed price ordering
and filters, used only while they hold the rates of the day."""

from decimal import Decimal

import pytest

from shop.catalog.cache import catalogue_bump
from shop.catalog.models import ProductListing, VatRate
from shop.catalog.services import product_update
from shop.catalog.vat import today

from .factories import make_product

pytestmark = pytest.mark.django_db

LIST = "/api/v1/products/"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def products(clothes, settings):
    settings.CATALOG_CACHE_TIMEOUT = 0
    cheap = make_product(clothes, title="Cheap", slug="cheap", net_price="10.00", vat_class="standard")
    make_product(clothes, title="Middle", slug="middle", net_price="10.50", vat_class="reduced")
    make_product(clothes, title="Dear", slug="dear", net_price="11.00", vat_class="standard")
    return cheap


def test_rows_store_net_times_hundred_plus_rate_per_country(products):
    row = ProductListing.objects.get(locale="fi", slug="cheap")
    fi = VatRate.objects.filter(country="FI", vat_class="standard").order_by("-valid_from").first().rate
    ee = VatRate.objects.filter(country="EE", vat_class="standard").order_by("-valid_from").first().rate
    assert row.price_key_fi == Decimal("10.00") * (100 + fi)
    assert row.price_key_ee == Decimal("10.00") * (100 + ee)


def test_a_price_change_rewrites_the_keys(products):
    product_update(product=products.product, net_price=Decimal("20.00"))
    row = ProductListing.objects.get(locale="fi", slug="cheap")
    assert row.price_key_fi > ProductListing.objects.get(locale="fi", slug="dear").price_key_fi
    assert titles_by_price()[-1] == "Cheap"


def titles_by_price(**query) -> list[str]:
    from rest_framework.test import APIClient

    return titles(APIClient().get(LIST, {"ordering": "price", **query}))


def gross_order(country: str = "FI") -> list[str]:
    from rest_framework.test import APIClient

    items = APIClient().get(LIST, {"country": country}).json()["results"]
    return [item["title"] for item in sorted(items, key=lambda item: Decimal(item["price"]["gross"]))]


def test_stale_keys_are_not_used(products):
    expected = gross_order()
    # Keys that no longer match the rates (as on the day a new rate comes into force, before a
    # rebuild): the list computes prices per row instead, so the order stays right.
    ProductListing.objects.filter(slug="dear").update(price_key_fi=Decimal(1), price_key_ee=None)
    catalogue_bump()
    assert titles_by_price() == expected
    assert titles_by_price(country="EE") == gross_order("EE")
    assert titles_by_price(max_price="0.02") == []


def test_a_new_rate_reprices_the_rows(products):
    VatRate.objects.create(country="FI", vat_class_id="reduced", rate=Decimal("60.00"), valid_from=today())
    row = ProductListing.objects.get(locale="fi", slug="middle")
    assert row.price_key_fi == Decimal("10.50") * 160
    assert titles_by_price() == ["Cheap", "Dear", "Middle"] == gross_order()
