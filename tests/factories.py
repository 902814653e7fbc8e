"""Builders of test data shared by every test package: users, signed-in clients, orders and
cookie consents (factory_boy for plain rows). Catalogue pages are built by
``tests/shop/catalog/factories.py`` and policy pages by ``tests/policies/fixtures.py``, through
Wagtail's page tree. Built per test; never the demo data."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from shop.accounts.models import AuthToken, User
from shop.core.pseudonyms import subject_ref
from shop.orders.models import Order, OrderLine
from tests.contract import ContractClient

PASSWORD = "correct horse battery"


class UserFactory(DjangoModelFactory):
    """A shopper who can sign in with ``PASSWORD`` (unless ``password`` is given)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class: type[User], *args, **kwargs) -> User:
        return model_class.objects.create_user(*args, **kwargs)


def bearer_client(user: User) -> ContractClient:
    """A client signed in with a fresh bearer token of ``user``."""
    _token, raw = AuthToken.issue(user)
    client = ContractClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


class OrderLineFactory(DjangoModelFactory):
    class Meta:
        model = OrderLine

    sku = factory.Sequence(lambda n: f"SKU-{n}")
    title = factory.Sequence(lambda n: f"Tea {n}")
    quantity = 1
    unit_price_gross = Decimal("24.90")
    vat_rate = Decimal("24.00")
    total_gross = Decimal("24.90")


class OrderFactory(DjangoModelFactory):
    """A paid order to Tallinn, built directly (there is no checkout yet)."""

    class Meta:
        model = Order

    number = factory.Sequence(lambda n: f"XM{100001 + n}")
    user = None
    subject_ref = factory.LazyAttribute(lambda order: subject_ref(order.user.pk) if order.user else "")
    contact_first_name = "Mari"
    contact_last_name = "Maasikas"
    email = factory.LazyAttribute(lambda order: order.user.email if order.user else "guest@example.ee")
    phone = "+37251234567"
    address_line1 = "Pikk 1"
    address_postcode = "10123"
    address_city = "Tallinn"
    address_country = "EE"
    shipping_method_code = "courier-ee"
    total_net = Decimal("20.08")
    total_vat = Decimal("4.82")
    total_gross = Decimal("24.90")
    status = "paid"


def make_order(user: User | None = None, *, lines: int = 1, **fields) -> Order:
    """An order of ``user`` (a guest's when None) with ``lines`` lines."""
    order = OrderFactory(user=user, **fields)
    for n in range(lines):
        OrderLineFactory(order=order, sku=f"SKU-{n}", title=f"Tea {n}")
    return order


def make_cookie_consent(user: User | None = None, **fields):
    """A cookie choice recorded the way the API records it (the service writes the evidence)."""
    from shop.privacy.services import cookie_consent_record

    values = {"consent_id": None, "preferences": True, "statistics": False, "marketing": False, "policy_version": 1}
    return cookie_consent_record(**{**values, "locale": "fi", "ip": None, "user": user, **fields})
