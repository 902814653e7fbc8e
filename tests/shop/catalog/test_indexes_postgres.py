"""On PostgreSQL every documented filter and ordering of the product list, and the product
detail, are served by an index of the read model, never a sequential scan of it: the plans are
read with EXPLAIN over a catalogue large enough that a scan would show (bench/explain.py prints
the same summary for the benchmark's 10,000 products)."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from bench.explain import plans
from shop.catalog.listing import price_keys, rates_today
from shop.catalog.models import Product, ProductListing

from .factories import make_category, make_home

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

PRODUCTS = 6000


@pytest.fixture
def big_listing(db):
    """Listing rows only (the read model is what the queries read), in three languages; every
    tenth product in one category."""
    category = make_category(make_home()["fi"], title="Vaatteet", slug="vaatteet")
    page = Page.objects.get(depth=1)
    products = Product.objects.bulk_create(
        Product(sku=f"IDX-{n}", net_price=Decimal(5 + n % 90), stock_quantity=n % 4) for n in range(PRODUCTS)
    )
    rates = rates_today()
    now = timezone.now()
    rows = []
    for n, product in enumerate(products):
        key = uuid.uuid4()
        for locale in ("fi", "et", "en"):
            rows.append(
                ProductListing(
                    locale=locale,
                    page=page,
                    product=product,
                    translation_key=key,
                    page_locale=locale,
                    title=f"Tuote {n}",
                    slug=f"tuote-{n}-{locale}",
                    summary="",
                    path=f"{category.path if n % 10 == 0 else '00019999'}{n:04d}",
                    first_published_at=now - timedelta(minutes=n),
                    sku=product.sku,
                    net_price=product.net_price,
                    vat_class="standard",
                    stock_quantity=product.stock_quantity,
                    search_text=f"tuote {n} villasukat" if n % 50 == 0 else f"tuote {n}",
                    **price_keys(net_price=product.net_price, vat_class="standard", rates=rates),
                )
            )
    ProductListing.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_productlisting")
    return category


def test_every_list_variant_and_the_detail_use_an_index(big_listing):
    found = plans(category=big_listing.slug)
    assert set(found) >= {"product list 20", "list et + in_stock + price", "list -price", "product detail"}
    for label, scans in found.items():
        on_listing = [scan for scan in scans if "catalog_productlisting" in scan or "catalog_listing" in scan]
        assert on_listing, (label, scans)
        assert not any(scan.startswith("Seq Scan on catalog_productlisting") for scan in scans), (label, scans)
