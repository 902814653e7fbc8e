"""Fixtures shared by the shop tests: signed-in clients and orders built directly (no checkout yet)."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from shop.accounts.models import AuthToken
from shop.core.pseudonyms import subject_ref
from shop.orders.models import Order, OrderLine


def bearer_client(user) -> APIClient:
    _token, raw = AuthToken.issue(user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


@pytest.fixture
def auth_client(user) -> APIClient:
    return bearer_client(user)


@pytest.fixture
def other_user(django_user_model):
    return django_user_model.objects.create_user(email="other@example.fi", password="another horse battery")


def make_cookie_consent(user=None, **fields):
    from shop.privacy.services import cookie_consent_record

    values = {"consent_id": None, "preferences": True, "statistics": False, "marketing": False, "policy_version": 1}
    return cookie_consent_record(**{**values, "locale": "fi", "ip": None, "user": user, **fields})


_numbers = iter(range(100001, 999999))


def make_order(user=None, *, lines: int = 1, **fields) -> Order:
    values = {
        "number": f"XM{next(_numbers)}",
        "user": user,
        "subject_ref": subject_ref(user.pk) if user else "",
        "contact_first_name": "Mari",
        "contact_last_name": "Maasikas",
        "email": user.email if user else "guest@example.ee",
        "phone": "+37251234567",
        "address_line1": "Pikk 1",
        "address_postcode": "10123",
        "address_city": "Tallinn",
        "address_country": "EE",
        "shipping_method_code": "courier-ee",
        "total_net": Decimal("20.08"),
        "total_vat": Decimal("4.82"),
        "total_gross": Decimal("24.90"),
        "status": "paid",
        **fields,
    }
    order = Order.objects.create(**values)
    for n in range(lines):
        OrderLine.objects.create(
            order=order,
            sku=f"SKU-{n}",
            title=f"Tea {n}",
            quantity=1,
            unit_price_gross=Decimal("24.90"),
            vat_rate=Decimal("24.00"),
            total_gross=Decimal("24.90"),
        )
    return order


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
