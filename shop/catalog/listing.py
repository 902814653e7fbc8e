"""Keeps ``ProductListing`` (the product list's read model) in step with the pages and products.

``listing_refresh`` recomputes every row of some translation groups from the live pages: called
on publish, unpublish, move and delete of product pages (``cms.signals``), and in bulk by
``listing_rebuild`` (the data generator, ``manage.py rebuild_product_listing``). Shop-data
columns are written by ``shop.catalog.services`` through ``listing_update_product``.
"""

from collections.abc import Iterable
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import F

from .models import Product, ProductListing

CHUNK = 500


def _first_images(page_ids: list[int]) -> dict[int, dict]:
    from cms.images import CARD
    from cms.models import ProductPageGalleryImage

    first: dict[int, dict] = {}
    items = ProductPageGalleryImage.objects.filter(page_id__in=page_ids).select_related("image")
    for item in items.order_by("page_id", "sort_order", "pk"):
        if item.page_id in first:
            continue
        rendition = item.image.get_rendition(CARD)
        first[item.page_id] = {
            "image_url": rendition.url,
            "image_width": rendition.width,
            "image_height": rendition.height,
            "image_alt": item.alt_text,
        }
    return first


@transaction.atomic
def listing_refresh(*, translation_keys: Iterable[UUID]) -> int:
    """Recompute the listing rows of these product translation groups; returns rows written."""
    from cms.models import ProductPage

    keys = list(set(translation_keys))
    if not keys:
        return 0
    pages = list(
        ProductPage.objects.filter(
            translation_key__in=keys, live=True, alias_of__isnull=True, product__active=True
        ).values(
            "id",
            "translation_key",
            "title",
            "slug",
            "summary",
            "path",
            "first_published_at",
            "product_id",
            locale_code=F("locale__language_code"),
        )
    )
    products = Product.objects.in_bulk({page["product_id"] for page in pages})
    images = _first_images([page["id"] for page in pages])
    by_key: dict[UUID, dict[str, dict]] = {}
    for page in pages:
        by_key.setdefault(page["translation_key"], {})[page["locale_code"]] = page

    default = settings.LANGUAGE_CODE
    rows = []
    for key, translations in by_key.items():
        for locale, _name in settings.LANGUAGES:
            page = translations.get(locale) or translations.get(default)
            if page is None:
                continue
            product = products[page["product_id"]]
            rows.append(
                ProductListing(
                    locale=locale,
                    page_id=page["id"],
                    product=product,
                    translation_key=key,
                    page_locale=page["locale_code"],
                    title=page["title"],
                    slug=page["slug"],
                    summary=page["summary"],
                    path=page["path"],
                    first_published_at=page["first_published_at"],
                    sku=product.sku,
                    net_price=product.net_price,
                    vat_class=product.vat_class_id,
                    stock_quantity=product.stock_quantity,
                    **images.get(page["id"], {}),
                )
            )
    ProductListing.objects.filter(translation_key__in=keys).delete()
    ProductListing.objects.bulk_create(rows, batch_size=CHUNK)
    return len(rows)


def listing_rebuild() -> int:
    """Recompute every row, in chunks of translation groups."""
    from cms.models import ProductPage

    keys = list(ProductPage.objects.values_list("translation_key", flat=True).distinct().order_by("translation_key"))
    written = 0
    with transaction.atomic():
        ProductListing.objects.exclude(translation_key__in=keys).delete()
        for start in range(0, len(keys), CHUNK):
            written += listing_refresh(translation_keys=keys[start : start + CHUNK])
    return written


def listing_update_product(*, product: Product) -> None:
    """Bring a product's listing rows in line after a service changed its shop data (rows
    appear or go when the active flag changes)."""
    from cms.models import ProductPage

    keys = ProductPage.objects.filter(product=product).values_list("translation_key", flat=True).distinct()
    listing_refresh(translation_keys=list(keys))
