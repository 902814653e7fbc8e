"""Querysets compiled once (shop.core.prepared) give exactly what the ORM gives, one query a call."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.catalog.models import VatRate
from shop.core.prepared import CompiledValues, Param, PreparedValues

pytestmark = pytest.mark.django_db


def orm_rates(country: str) -> list[dict]:
    return list(
        VatRate.objects.filter(country=country).order_by("vat_class", "valid_from").values("rate", "valid_from")
    )


def test_prepared_values_match_the_orm_for_each_parameter_and_compile_once():
    VatRate.objects.create(country="LV", vat_class_id="standard", rate=Decimal("21.00"), valid_from=date(2020, 1, 1))
    builds = []

    def build():
        builds.append(1)
        return (
            VatRate.objects.filter(country=Param("country"))
            .order_by("vat_class", "valid_from")
            .values("rate", "valid_from")
        )

    rates = PreparedValues(build)
    for country in ("EE", "FI", "LV", "XX"):
        with CaptureQueriesContext(connection) as queries:
            rows = rates(country=country)
        assert rows == orm_rates(country)
        assert len(queries) == 1
    assert rates(country="LV") == [{"rate": Decimal("21.00"), "valid_from": date(2020, 1, 1)}]  # converted types
    assert len(builds) == 1


def test_a_param_a_lookup_rewrites_is_refused_rather_than_matched_literally():
    rates = PreparedValues(lambda: VatRate.objects.filter(country__icontains=Param("country")).values("rate"))
    with pytest.raises(ValueError, match="parameters"):
        rates(country="EE")


def test_compiled_values_page_like_slicing():
    queryset = VatRate.objects.order_by("country", "vat_class", "valid_from").values("country", "rate")
    compiled = CompiledValues(queryset)
    everything = list(queryset)
    assert len(everything) >= 3
    assert compiled.rows() == everything
    assert compiled.rows(offset=1, limit=2) == everything[1:3]
    assert compiled.rows(offset=len(everything), limit=5) == []
    with pytest.raises(ValueError):
        CompiledValues(queryset.all()[:2]).rows(offset=0, limit=1)


def test_a_query_nothing_can_match_runs_no_sql():
    compiled = CompiledValues(VatRate.objects.filter(pk__in=[]).values("rate"))
    with CaptureQueriesContext(connection) as queries:
        assert compiled.rows(offset=0, limit=20) == []
    assert len(queries) == 0


def test_typed_param_filters_an_integer_column_and_survives_a_subquery():
    from django.db.models import BigIntegerField, OuterRef, Subquery

    from shop.carts.models import Cart, CartLine
    from shop.core.prepared import typed_param
    from tests.shop.conftest import make_product

    socks, hat = make_product(sku="SOCK"), make_product(sku="HAT")
    cart = Cart.objects.create(token="t1")
    CartLine.objects.create(cart=cart, product=hat, quantity=3)

    def build():
        line = CartLine.objects.filter(cart_id=typed_param("cart", BigIntegerField()), product=OuterRef("pk"))
        return (
            socks.__class__.objects.filter(pk=typed_param("product", BigIntegerField()))
            .annotate(quantity=Subquery(line.order_by().values("quantity")[:1]))
            .values("sku", "quantity")
        )

    rows = PreparedValues(build)
    assert rows(cart=cart.pk, product=hat.pk) == [{"sku": "HAT", "quantity": 3}]
    assert rows(cart=cart.pk, product=socks.pk) == [{"sku": "SOCK", "quantity": None}]
    assert rows(cart=cart.pk + 1, product=hat.pk) == [{"sku": "HAT", "quantity": None}]
    assert rows(cart=cart.pk, product=10**9) == []


def test_prepared_update_writes_one_row_with_the_fields_own_conversion():
    from datetime import UTC, datetime

    from shop.carts.models import Cart
    from shop.core.prepared import PreparedUpdate

    first, second = Cart.objects.create(token="a"), Cart.objects.create(token="b")
    touch = PreparedUpdate(Cart, "updated_at")
    when = datetime(2026, 12, 1, 10, 30, 15, 123456, tzinfo=UTC)
    with CaptureQueriesContext(connection) as queries:
        assert touch(first.pk, updated_at=when) == 1
    assert len(queries) == 1 and queries[0]["sql"].startswith("UPDATE")
    first.refresh_from_db()
    second_before = second.updated_at
    second.refresh_from_db()
    assert first.updated_at == when  # read back exactly, time zone and microseconds included
    assert second.updated_at == second_before  # the other row untouched
    assert touch(10**9, updated_at=when) == 0  # no such row: nothing changed, and the caller is told


def test_prepared_update_by_another_key_changes_every_matching_row():
    from shop.carts.models import Cart, CartLine
    from shop.core.prepared import PreparedUpdate
    from tests.shop.conftest import make_product

    cart, other = Cart.objects.create(token="a"), Cart.objects.create(token="b")
    socks, hat = make_product(sku="SOCK"), make_product(sku="HAT")
    for product in (socks, hat):
        CartLine.objects.create(cart=cart, product=product, quantity=1)
    CartLine.objects.create(cart=other, product=socks, quantity=1)
    assert PreparedUpdate(CartLine, "quantity", key="cart")(cart.pk, quantity=4) == 2
    assert sorted(CartLine.objects.values_list("cart__token", "quantity")) == [("a", 4), ("a", 4), ("b", 1)]
