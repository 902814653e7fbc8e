"""Keeps ``ProductListing`` (the product list's read model) in step with the pages and products.

``listing_refresh`` recomputes every row of some translation groups from the live pages: called
on publish, unpublish, move and delete of product pages (``shop.catalog.signals``), and in bulk by
``listing_rebuild`` (the data generator, ``manage.py rebuild_product_listing``). Shop-data
columns are written by ``shop.catalog.services`` through ``listing_update_product``.

The pages are read through ``Product``'s reverse relations (``pages``, ``pages__gallery_images``):
the page types' editor form writes through the services, which use this module, so importing the
page classes here would close an import cycle.
"""

import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils.html import strip_tags
from wagtail.images import get_image_model

from cms.images import RENDITIONS

from .models import Product, ProductListing, VatRate
from .vat import COUNTRIES, HUNDRED, today

CHUNK = 500


def search_text(*parts: str) -> str:
    """What ``?q=`` matches against: the texts in lower case without accents (``Küünal`` is
    ``kuunal``), words separated by single spaces. The query is folded the same way, so matching
    is a plain substring test that behaves alike on SQLite and PostgreSQL."""
    text = " ".join(strip_tags(part) for part in parts if part)
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " ".join(folded.split())


def _body_text(raw) -> list[str]:
    """The strings of a StreamField's raw JSON (headings, paragraphs, specification values)."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, dict):
        return [text for key, value in raw.items() if key not in ("type", "id") for text in _body_text(value)]
    if isinstance(raw, list):
        return [text for item in raw for text in _body_text(item)]
    return []


def _size(rendition) -> dict:
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def galleries(page_ids: list[int]) -> dict[int, list[dict]]:
    """The gallery of each page as the product detail shows it: per image the full size, its alt
    text and every storefront rendition (``cms.images.RENDITIONS``). Three queries: gallery rows,
    their images, their renditions; a missing rendition is made here (publishing makes them)."""
    rows = (
        Product.objects.filter(pages__id__in=page_ids, pages__gallery_images__isnull=False)
        .values(
            page_id=F("pages__id"),
            image_id=F("pages__gallery_images__image_id"),
            alt_text=F("pages__gallery_images__alt_text"),
        )
        .order_by("pages__id", "pages__gallery_images__sort_order", "pages__gallery_images__id")
    )
    rows = list(rows)
    specs = list(RENDITIONS.values())
    images = get_image_model().objects.prefetch_renditions(*specs).in_bulk({row["image_id"] for row in rows})
    result: dict[int, list[dict]] = {}
    for row in rows:
        made = images[row["image_id"]].get_renditions(*specs)
        renditions = {name: _size(made[spec]) for name, spec in RENDITIONS.items()}
        result.setdefault(row["page_id"], []).append(
            {**renditions["full"], "alt": row["alt_text"], "renditions": renditions}
        )
    return result


def _card_image(gallery: list[dict]) -> dict:
    if not gallery:
        return {}
    first = gallery[0]
    card = first["renditions"]["card"]
    return {
        "image_url": card["url"],
        "image_width": card["width"],
        "image_height": card["height"],
        "image_alt": first["alt"],
    }


def rates_today() -> dict[str, dict[str, Decimal]]:
    """{country: {VAT class: rate in force today}} for every shop country (one query)."""
    rates: dict[str, dict[str, Decimal]] = {country: {} for country in COUNTRIES}
    rows = VatRate.objects.filter(country__in=COUNTRIES, valid_from__lte=today()).order_by(
        "country", "vat_class", "-valid_from"
    )
    for country, vat_class, rate in rows.values_list("country", "vat_class", "rate"):
        rates[country].setdefault(vat_class, rate)
    return rates


def price_keys(
    *, net_price: Decimal, vat_class: str, rates: dict[str, dict[str, Decimal]]
) -> dict[str, Decimal | None]:
    """The ``price_key_<country>`` columns: net * (100 + rate), None where the class has no rate."""
    return {
        f"price_key_{country.lower()}": (
            Decimal(net_price) * (HUNDRED + rates[country][vat_class]) if vat_class in rates[country] else None
        )
        for country in COUNTRIES
    }


@transaction.atomic
def listing_reprice() -> None:
    """Rewrite every row's price keys with today's rates (after a VAT change, or at the day a
    new rate comes into force: ``manage.py rebuild_product_listing``)."""
    rates = rates_today()
    for country in COUNTRIES:
        column = f"price_key_{country.lower()}"
        ProductListing.objects.exclude(vat_class__in=list(rates[country])).update(**{column: None})
        for vat_class, rate in rates[country].items():
            ProductListing.objects.filter(vat_class=vat_class).update(**{column: F("net_price") * (HUNDRED + rate)})


@transaction.atomic
def listing_refresh(*, translation_keys: Iterable[UUID]) -> int:
    """Recompute the listing rows of these product translation groups; returns rows written."""
    keys = list(set(translation_keys))
    if not keys:
        return 0
    pages = list(
        Product.objects.filter(
            active=True, pages__translation_key__in=keys, pages__live=True, pages__alias_of__isnull=True
        ).values(
            "pages__body",
            page_id=F("pages__id"),
            seo_title=F("pages__seo_title"),
            search_description=F("pages__search_description"),
            translation_key=F("pages__translation_key"),
            title=F("pages__title"),
            slug=F("pages__slug"),
            summary=F("pages__summary"),
            path=F("pages__path"),
            first_published_at=F("pages__first_published_at"),
            product_id=F("pk"),
            locale_code=F("pages__locale__language_code"),
        )
    )
    products = Product.objects.in_bulk({page["product_id"] for page in pages})
    images = galleries([page["page_id"] for page in pages])
    bodies = {page["page_id"]: str(page["pages__body"]) if page["pages__body"] else "" for page in pages}
    by_key: dict[UUID, dict[str, dict]] = {}
    for page in pages:
        by_key.setdefault(page["translation_key"], {})[page["locale_code"]] = page

    default = settings.LANGUAGE_CODE
    rates = rates_today()
    rows = []
    for key, translations in by_key.items():
        for locale, _name in settings.LANGUAGES:
            page = translations.get(locale) or translations.get(default)
            if page is None:
                continue
            product = products[page["product_id"]]
            body = page["pages__body"]
            rows.append(
                ProductListing(
                    locale=locale,
                    page_id=page["page_id"],
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
                    search_text=search_text(
                        page["title"],
                        page["summary"],
                        *_body_text(list(body.raw_data) if body else []),
                    ),
                    body_html=bodies[page["page_id"]],
                    images=images.get(page["page_id"], []),
                    seo_title=page["seo_title"],
                    search_description=page["search_description"],
                    **_card_image(images.get(page["page_id"], [])),
                    **price_keys(net_price=product.net_price, vat_class=product.vat_class_id, rates=rates),
                )
            )
    ProductListing.objects.filter(translation_key__in=keys).delete()
    ProductListing.objects.bulk_create(rows, batch_size=CHUNK)
    return len(rows)


def listing_rebuild() -> int:
    """Recompute every row, in chunks of translation groups."""
    keys = list(
        Product.objects.filter(pages__isnull=False)
        .values_list("pages__translation_key", flat=True)
        .distinct()
        .order_by("pages__translation_key")
    )
    written = 0
    with transaction.atomic():
        ProductListing.objects.exclude(translation_key__in=keys).delete()
        for start in range(0, len(keys), CHUNK):
            written += listing_refresh(translation_keys=keys[start : start + CHUNK])
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner after a bulk rewrite: without them PostgreSQL
            # chose sequential scans over these indexes (autovacuum would get there later).
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(ProductListing._meta.db_table)}")
    return written


def listing_update_product(*, product: Product) -> None:
    """Bring a product's listing rows in line after a service changed its shop data (rows
    appear or go when the active flag changes)."""
    keys = product.pages.values_list("translation_key", flat=True).distinct()
    listing_refresh(translation_keys=list(keys))
