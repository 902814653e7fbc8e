"""Fixtures shared by the shop tests; the builders behind them are in tests/factories.py."""

from decimal import Decimal

import pytest

from tests.factories import UserFactory, bearer_client, make_order  # noqa: F401  (re-exported for the shop tests)


@pytest.fixture
def auth_client(user):
    return bearer_client(user)


@pytest.fixture
def other_user(db):
    return UserFactory(email="other@example.fi", password="another horse battery")


# --- catalogue ------------------------------------------------------------------------------------
# ``homes`` (a live home page per locale) comes from tests/policies/fixtures.py, loaded for all tests.


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def clothes(homes):
    """A category "Vaatteet" (fi) translated to et and en."""
    from tests.shop.catalog import factories

    fi = factories.make_category(homes["fi"], title="Vaatteet", slug="vaatteet", intro="Lämpimiä vaatteita")
    factories.translate(fi, "et", title="Riided", slug="riided")
    factories.translate(fi, "en", title="Clothes", slug="clothes")
    return fi


# --- carts, shipping, checkout ------------------------------------------------------------------


SAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "demo" / "data" / "pickup-points"


def make_product(sku: str = "TEA-1", *, net: str = "20.08", stock: int = 5, **fields):
    """A product without pages (carts and checkout need only shop data): EE gross 24.90 at 24 %."""
    from shop.catalog.services import product_create

    return product_create(sku=sku, net_price=Decimal(net), stock_quantity=stock, **fields)


def make_methods():
    """Omniva lockers (3.99 gross in EE) and a DPD courier (6.99) for EE; an Omniva method for FI."""
    from shop.shipping.models import ShippingMethod

    return {
        method.code: method
        for method in [
            ShippingMethod.objects.create(
                code="omniva-ee", name="Omniva", carrier="omniva", kind="pickup_point", country="EE", net_price="3.22"
            ),
            ShippingMethod.objects.create(
                code="courier-ee", name="DPD courier", carrier="dpd", kind="courier", country="EE", net_price="5.64"
            ),
            ShippingMethod.objects.create(
                code="omniva-fi",
                name="Omniva FI",
                carrier="omniva",
                kind="pickup_point",
                country="FI",
                net_price="3.99",
            ),
        ]
    }


def import_samples():
    import json

    from shop.shipping.importers import read_dpd, read_omniva
    from shop.shipping.services import pickup_points_import

    omniva = read_omniva(json.loads((SAMPLES / "omniva-locations.json").read_text()))
    dpd = read_dpd(json.loads((SAMPLES / "dpd-pickup-points.json").read_text()))
    return pickup_points_import(carrier="omniva", points=omniva), pickup_points_import(carrier="dpd", points=dpd)


@pytest.fixture
def shop_setup(db):
    """One product (5 in stock), the shipping methods and the sample pickup points."""
    from shop.shipping.carriers import FakeTransport

    FakeTransport.sent.clear()
    FakeTransport.fail_next = 0
    make_methods()
    import_samples()
    return make_product()
