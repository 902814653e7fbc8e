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
