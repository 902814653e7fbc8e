"""Shop data writes: validation, stock only through services, cache version bumps."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from shop.catalog.cache import catalogue_version
from shop.catalog.errors import InsufficientStock
from shop.catalog.models import Product
from shop.catalog.services import product_create, product_update, stock_adjust, stock_set

pytestmark = pytest.mark.django_db


def test_create_validates_and_sku_is_unique():
    product = product_create(sku=" A-1 ", net_price=Decimal("5.00"), stock_quantity=2)
    assert (product.sku, product.vat_class_id, product.active) == ("A-1", "standard", True)
    with pytest.raises(ValidationError) as excinfo:
        product_create(sku="A-1", net_price=Decimal("5.00"))
    assert "sku" in excinfo.value.error_dict
    with pytest.raises(ValidationError):
        product_create(sku="A-2", net_price=Decimal("-1"))


def test_stock_adjust_refuses_to_go_below_zero():
    product = product_create(sku="A-1", net_price=Decimal("5.00"), stock_quantity=2)
    stock_adjust(product=product, delta=-2)
    assert Product.objects.get().stock_quantity == 0
    with pytest.raises(InsufficientStock) as excinfo:
        stock_adjust(product=product, delta=-1)
    assert excinfo.value.code == "insufficient_stock" and excinfo.value.details == {"available": 0}
    stock_set(product=product, quantity=7)
    assert Product.objects.get().stock_quantity == 7


def test_changes_bump_the_catalogue_version_after_commit(django_capture_on_commit_callbacks):
    product = product_create(sku="A-1", net_price=Decimal("5.00"))
    version = catalogue_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product_update(product=product, net_price=Decimal("5.00"), active=True)  # no change
    assert callbacks == [] and catalogue_version() == version
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product=product, delta=3)
    assert catalogue_version() == version + 1
    with django_capture_on_commit_callbacks(execute=True):
        product_update(product=product, vat_class="reduced")
    assert catalogue_version() == version + 2


def test_stock_changes_keep_the_memoised_pricing_rates(django_capture_on_commit_callbacks, django_assert_num_queries):
    """A sale bumps the catalogue version (stock is in cached responses) but not the rates
    version, so pricing the next cart does not reload the VAT rates; any other change does."""
    from shop.catalog.cache import rates_version
    from shop.catalog.rates import pricing_vat_rates
    from shop.catalog.stock import stock_reserve
    from shop.catalog.vat import today

    product = product_create(sku="A-1", net_price=Decimal("5.00"), stock_quantity=5)
    other = product_create(sku="A-2", net_price=Decimal("5.00"), stock_quantity=5)
    pricing_vat_rates(country="EE", on=today())
    rates = rates_version()
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product=product, delta=-1)
        stock_reserve(quantities={product.pk: 1, other.pk: 2})
        stock_set(product=other, quantity=9)
    assert rates_version() == rates
    with django_assert_num_queries(0):
        assert pricing_vat_rates(country="EE", on=today())["standard"] == Decimal("24.00")
    assert list(Product.objects.order_by("pk").values_list("stock_quantity", flat=True)) == [3, 9]
    with django_capture_on_commit_callbacks(execute=True):
        product_update(product=product, vat_class="reduced")
    assert rates_version() == rates + 1
    with django_assert_num_queries(1):
        pricing_vat_rates(country="EE", on=today())


@pytest.fixture
def version_memo(settings):
    """The production memo of the catalogue version (tests run with it off)."""
    from shop.catalog.cache import catalogue_version_forget

    settings.CATALOG_VERSION_MEMO_SECONDS = 60
    catalogue_version_forget()
    yield
    catalogue_version_forget()


def test_the_bumping_process_reads_the_new_version_at_once(version_memo, django_capture_on_commit_callbacks):
    product = product_create(sku="A-1", net_price=Decimal("5.00"))
    version = catalogue_version()
    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(product=product, delta=3)
    assert catalogue_version() == version + 1


def test_other_processes_follow_a_bump_within_the_memo_window(version_memo, monkeypatch, settings):
    """A bump made by another process (the shared counter moves, this memo is not told) is seen
    once the window has passed; until then the version read a moment earlier holds."""
    import time

    from django.core.cache import cache

    from shop.catalog import cache as catalogue_cache

    version = catalogue_version()
    cache.incr(catalogue_cache.VERSION_KEY)
    assert catalogue_version() == version
    later = time.monotonic() + settings.CATALOG_VERSION_MEMO_SECONDS + 1
    monkeypatch.setattr(catalogue_cache.time, "monotonic", lambda: later)
    assert catalogue_version() == version + 1
