"""Reads for the catalogue API, built for speed: a constant number of SQL queries whatever the
page size, and plain ``values()`` rows rather than Wagtail page instances (building a ``Page``
object costs more than the query that loads it).

What is listed: live product pages (not aliases) whose product is active, in the requested
locale, plus default-locale pages of products that have no live translation in that locale
(``fallback``). Lists read ``ProductListing``, a read model with one row per product and locale
that already resolves the fallback and holds the card image, so a list is one indexed table.
The VAT rates of the destination country on the day go into the SQL as a ``CASE`` on the VAT
class, so price filters and ordering run in the database; the displayed gross price is computed
with ``Decimal`` by ``shop.catalog.vat``.

Queries for a product list page: count and rows, plus, once per catalogue version and process,
the VAT rates and the category index (``_memoised``): at most 4. Search (``?q=``) adds no query: it is a
condition on the read model's ``search_text``. A product detail is
one query on the read model too (the rows of its translation group, which hold the rendered body
and the gallery), plus the same memoised data.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from wagtail.models import Page

from shop.core.formats import iso_datetime
from shop.core.prepared import CompiledValues, Param, PreparedValues

from .cache import catalogue_version
from .listing import search_text
from .models import ProductListing, VatClass, VatRate
from .pages import ProductCategoryPage
from .vat import COUNTRIES, money

# Exact SQL values of net * (100 + rate) are multiples of 0.0001; this slack absorbs SQLite's
# floating point at a cent boundary without changing any exact comparison (PostgreSQL is exact).
SQL_FUZZ = Decimal("0.000001")

# What a product card shows (lists, wishlists, recently viewed): nothing more is read or converted.
CARD_FIELDS = (
    "product_id",
    "sku",
    "slug",
    "page_locale",
    "title",
    "summary",
    "path",
    "net_price",
    "stock_quantity",
)
LISTING_FIELDS = (*CARD_FIELDS, "vat_rate", "image_url", "image_width", "image_height", "image_alt")

ORDERINGS = {
    "newest": ("-first_published_at", "-page_id"),
    "title": ("title", "page_id"),
    "price": ("gross_key", "page_id"),
    "-price": ("-gross_key", "-page_id"),
}


@dataclass(frozen=True)
class ProductFilters:
    category: str | None = None
    q: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool | None = None
    ordering: str = "newest"


def vat_rate_subquery(*, country: str, on: date, vat_class_ref: str = "product__vat_class") -> Subquery:
    """The VAT rate of the row's product in ``country`` on the day ``on``."""
    rates = VatRate.objects.filter(country=country, vat_class=OuterRef(vat_class_ref), valid_from__lte=on)
    return Subquery(rates.order_by("-valid_from").values("rate")[:1], output_field=DecimalField())


def vat_rates(*, country: str, on: date) -> dict[str, Decimal | None]:
    """{VAT class: rate in force in ``country`` on the day ``on``, or None}. One query,
    memoised per catalogue version (saving a rate bumps it)."""

    def build() -> dict[str, Decimal | None]:
        classes = VatClass.objects.annotate(rate=vat_rate_subquery(country=country, on=on, vat_class_ref="code"))
        return dict(classes.values_list("code", "rate"))

    return _memoised("vat", build, country, on)


def product_rows(*, locale: str, country: str, on: date) -> QuerySet:
    """Listable products in ``locale`` as dicts (``LISTING_FIELDS``), each with its VAT rate.
    A product whose VAT class has no rate in the country is not sold there, so not listed.

    The queryset is built once per catalogue version and reused (building its VAT expression
    costs as much as running it). It is never evaluated itself: callers filter or order it,
    which clones it, so no results are ever cached on the shared object."""
    return _memoised("rows", lambda: _product_rows(locale=locale, country=country, on=on), locale, country, on)


def _product_rows(*, locale: str, country: str, on: date) -> QuerySet:
    rates = vat_rates(country=country, on=on)
    known = {vat_class: rate for vat_class, rate in rates.items() if rate is not None}
    rows = ProductListing.objects.filter(locale=locale)
    if len(known) < len(rates):
        rows = rows.exclude(vat_class__in=[vat_class for vat_class in rates if vat_class not in known])
    if not known:
        return rows.none().values(*LISTING_FIELDS)
    vat_rate = Case(
        *(When(vat_class=vat_class, then=Value(rate)) for vat_class, rate in known.items()),
        output_field=DecimalField(max_digits=5, decimal_places=2),
    )
    return rows.annotate(vat_rate=vat_rate).values(*LISTING_FIELDS)


_MEMO: dict[tuple, Any] = {}


def _memoised(name: str, build: Callable[[], Any], *args: Any) -> Any:
    """Small reference data (VAT rates, the category index) kept per process and keyed by the
    catalogue version, so a publish or a rate change anywhere invalidates it everywhere at once;
    never the product rows themselves."""
    key = (catalogue_version(), name, *args)
    try:
        return _MEMO[key]
    except KeyError:
        if len(_MEMO) > 256:
            _MEMO.clear()
        value = _MEMO[key] = build()
        return value


@dataclass(frozen=True)
class CategoryIndex:
    key_by_path: dict[str, Any]
    paths_by_key: dict[Any, list[str]]
    keys_by_ref: dict[str, set]
    live: dict[tuple[Any, str], dict]
    tree_rows: list[dict]


def _build_category_index() -> CategoryIndex:
    rows = ProductCategoryPage.objects.values(
        "id", "slug", "title", "intro", "path", "translation_key", "live", "alias_of_id", "locale__language_code"
    ).order_by("path")
    index = CategoryIndex({}, {}, {}, {}, [])
    for row in rows:
        key = row["translation_key"]
        index.key_by_path[row["path"]] = key
        index.paths_by_key.setdefault(key, []).append(row["path"])
        if row["live"] and row["alias_of_id"] is None:
            for ref in (row["slug"], str(row["id"])):
                index.keys_by_ref.setdefault(ref, set()).add(key)
            index.live[(key, row["locale__language_code"])] = row
            index.tree_rows.append(row)
    return index


def category_index() -> CategoryIndex:
    """Every category page in one query, memoised per catalogue version."""
    return _memoised("categories", _build_category_index)


def _category_prefix_filter(value: str) -> Q:
    """Products below the category given by slug or id, in any of its translations (a fallback
    product sits in the default locale's tree)."""
    index = category_index()
    paths = [path for key in index.keys_by_ref.get(value, ()) for path in index.paths_by_key[key]]
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


SEARCH_MAX_WORDS = 8
SEARCH_WORD = re.compile(r"\w+")


def _search_filter(q: str) -> Q:
    """Products whose listing text contains every word of ``q`` (lower case, accents ignored), as
    a substring: Finnish and Estonian build compound words (``villasukat``, ``villatekk``), so a
    search for ``villa`` must match inside words, which full-text search does not. Punctuation
    and quotes are not words: ``q="`` matches nothing and nothing in ``q`` is query syntax. On
    PostgreSQL a pg_trgm index serves the ``LIKE '%...%'``; on SQLite it scans the locale's rows
    of the read model (10,000 products: a few milliseconds)."""
    words = SEARCH_WORD.findall(search_text(q))[:SEARCH_MAX_WORDS]
    if not words:
        return Q(pk__in=[])
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return condition


def _gross_key() -> ExpressionWrapper:
    return ExpressionWrapper(
        F("net_price") * (Value(Decimal(100)) + F("vat_rate")),
        output_field=DecimalField(max_digits=20, decimal_places=6),
    )


def price_keys_fresh(*, locale: str, country: str, on: date) -> bool:
    """Whether every listed row's ``price_key_<country>`` equals net * (100 + the rate of the day
    ``on``), so the indexed column can order and filter by price. Checked once per catalogue
    version (a VAT change bumps it and reprices the rows); false on the day a new rate comes
    into force until ``rebuild_product_listing`` runs, and then prices are computed per row."""

    def check() -> bool:
        if country not in COUNTRIES:
            return False
        stored = F(f"price_key_{country.lower()}")
        drift = ExpressionWrapper(stored - _gross_key(), output_field=DecimalField(max_digits=20, decimal_places=6))
        stale = product_rows(locale=locale, country=country, on=on).annotate(drift=drift)
        return not stale.filter(
            Q(**{f"price_key_{country.lower()}__isnull": True}) | Q(drift__gt=SQL_FUZZ) | Q(drift__lt=-SQL_FUZZ)
        ).exists()

    return _memoised("price_keys_fresh", check, locale, country, on)


def product_list(*, locale: str, country: str, on: date, filters: ProductFilters) -> QuerySet:
    rows = product_rows(locale=locale, country=country, on=on)
    if filters.category:
        rows = rows.filter(_category_prefix_filter(filters.category))
    if filters.q:
        rows = rows.filter(_search_filter(filters.q))
    if filters.in_stock is True:
        rows = rows.filter(stock_quantity__gt=0)
    elif filters.in_stock is False:
        rows = rows.filter(stock_quantity=0)
    if filters.min_price is not None or filters.max_price is not None or "price" in filters.ordering:
        # net * (100 + rate) is the gross price in cents before rounding half up: the indexed
        # column that stores it when it holds today's rates, else computed row by row.
        if price_keys_fresh(locale=locale, country=country, on=on):
            stored = F(f"price_key_{country.lower()}")
            if "price" in filters.ordering or connection.vendor == "postgresql":
                # PostgreSQL's statistics on the column tell it how much of the range matches, so
                # it walks the ordering's index and stops after a page (0.4 ms at 10,000 rows);
                # hidden behind "+ 0" it guessed 1 % and sorted the whole range (18 ms).
                rows = rows.annotate(gross_key=stored)
            else:
                # SQLite (no statistics): "+ 0" keeps the price index out of a range filter under
                # another ordering: the ordering's index, stopped after one page, beats a sort of
                # the whole range.
                rows = rows.annotate(
                    gross_key=ExpressionWrapper(
                        stored + Value(0), output_field=DecimalField(max_digits=20, decimal_places=4)
                    )
                )
        else:
            rows = rows.annotate(gross_key=_gross_key())
        if filters.min_price is not None:
            rows = rows.filter(gross_key__gte=filters.min_price * 100 - Decimal("0.5") - SQL_FUZZ)
        if filters.max_price is not None:
            rows = rows.filter(gross_key__lt=filters.max_price * 100 + Decimal("0.5") - SQL_FUZZ)
    return rows.order_by(*ORDERINGS[filters.ordering])


class CountedRows:
    """One filtered, ordered product list for the paginator: ``count()`` answers from memory and
    a slice runs the page query, compiled once per filter combination and catalogue version
    (building and compiling it cost more than running it)."""

    ordered = True

    def __init__(self, compiled: CompiledValues, total: int) -> None:
        self.compiled = compiled
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[dict]:
        start, stop, _step = index.indices(self.total)
        return self.compiled.rows(offset=start, limit=max(stop - start, 0))


def product_list_counted(*, locale: str, country: str, on: date, filters: ProductFilters) -> CountedRows:
    """``product_list``, compiled, with its total: both memoised per catalogue version, since the
    total only changes when the catalogue does (publish, price, stock, VAT all bump the version),
    and counting a large catalogue costs more than fetching a page of it."""
    key = (locale, country, on, filters)
    compiled = _memoised(
        "list", lambda: CompiledValues(product_list(locale=locale, country=country, on=on, filters=filters)), *key
    )
    total = _memoised(
        "count", lambda: product_list(locale=locale, country=country, on=on, filters=filters).count(), *key
    )
    return CountedRows(compiled, total)


def _categories(rows: list[dict], *, locale: str) -> dict[str, dict]:
    """The category (parent page) of each row, in ``locale`` where translated: {parent path: category}."""
    index = category_index()
    result = {}
    for path in {row["path"][: -Page.steplen] for row in rows}:
        key = index.key_by_path.get(path)
        category = index.live.get((key, locale)) or index.live.get((key, settings.LANGUAGE_CODE))
        if category is not None:
            result[path] = {"id": category["id"], "slug": category["slug"], "title": category["title"]}
    return result


def _card(row: dict, *, locale: str, category: dict | None) -> dict:
    return {
        "id": row["product_id"],
        "sku": row["sku"],
        "slug": row["slug"],
        "locale": row["page_locale"],
        "fallback": row["page_locale"] != locale,
        "title": row["title"],
        "summary": row["summary"],
        "price": money(net=row["net_price"], rate=row["vat_rate"]),
        "in_stock": row["stock_quantity"] > 0,
        "category": category,
    }


def product_cards(rows: list[dict], *, locale: str) -> list[dict]:
    """List items for these listing rows (one query, for their categories)."""
    categories = _categories(rows, locale=locale)
    cards = []
    for row in rows:
        card = _card(row, locale=locale, category=categories.get(row["path"][: -Page.steplen]))
        card["image"] = (
            {
                "url": row["image_url"],
                "width": row["image_width"],
                "height": row["image_height"],
                "alt": row["image_alt"],
            }
            if row["image_url"]
            else None
        )
        cards.append(card)
    return cards


def product_cards_by_id(*, product_ids: list[int], locale: str, country: str, on: date) -> dict[int, dict]:
    """Cards of listable products by product id (for wishlists, recently viewed): three queries."""
    rows = list(product_rows(locale=locale, country=country, on=on).filter(product_id__in=product_ids))
    return {card["id"]: card for card in product_cards(rows, locale=locale)}


def _preferred(rows: list[dict], *, locale: str) -> dict:
    """The row in ``locale``, else the default locale, else the first in the shop's language order."""
    by_locale = {row["page_locale"]: row for row in rows}
    for code in [locale, settings.LANGUAGE_CODE, *(code for code, _name in settings.LANGUAGES)]:
        if code in by_locale:
            return by_locale[code]
    return rows[0]


DETAIL_FIELDS = (
    *CARD_FIELDS,
    "page_id",
    "translation_key",
    "first_published_at",
    "locale",
    "vat_class",
    "body_html",
    "images",
    "seo_title",
    "search_description",
)


# Every listing row of the translation groups that have a page with this slug (compiled once).
_detail_rows = PreparedValues(
    lambda: (
        ProductListing.objects.filter(
            translation_key__in=ProductListing.objects.filter(slug=Param("slug")).values("translation_key")
        )
        .values(*DETAIL_FIELDS)
        .order_by("page_id")
    )
)


def product_detail(*, slug: str, locale: str, country: str, on: date) -> dict | None:
    """A product by the slug of any of its translations, in ``locale`` or a fallback: one query
    on the read model, plus the memoised VAT rates and category index."""
    found = _detail_rows(slug=slug)
    rates = vat_rates(country=country, on=on)
    # A group's own pages are its rows in their own language (the others are fallbacks).
    rows = [
        {**row, "vat_rate": rates[row["vat_class"]]}
        for row in found
        if row["locale"] == row["page_locale"] and rates.get(row["vat_class"]) is not None
    ]
    matching = [row for row in rows if row["slug"] == slug]
    if not matching:
        return None
    # Slugs are unique per locale, so several groups only when translations reuse another's slug.
    groups: dict[Any, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["translation_key"], []).append(row)
    group = groups[_preferred(matching, locale=locale)["translation_key"]]
    row = _preferred(group, locale=locale)
    category = _categories([row], locale=locale).get(row["path"][: -Page.steplen])
    return {
        **_card(row, locale=locale, category=category),
        "body_html": row["body_html"],
        "images": row["images"],
        "translations": {r["page_locale"]: r["slug"] for r in sorted(group, key=lambda r: r["page_locale"])},
        "seo": {"title": row["seo_title"] or row["title"], "description": row["search_description"]},
        "published_at": iso_datetime(row["first_published_at"]),
    }


def category_tree(*, locale: str) -> list[dict]:
    """Live categories in ``locale`` (default-locale ones where untranslated) as a tree, in the
    editors' order, from the memoised category index."""
    default = settings.LANGUAGE_CODE
    index = category_index()
    rows = [row for row in index.tree_rows if row["locale__language_code"] in {locale, default}]
    nodes: dict[Any, dict] = {}
    roots: list[dict] = []
    # Visit in tree order (a parent before its children, whichever locale's tree it is in).
    for row in rows:
        key = row["translation_key"]
        if key in nodes:
            continue
        best = index.live.get((key, locale)) or row
        node = {
            "id": best["id"],
            "key": str(key),
            "slug": best["slug"],
            "title": best["title"],
            "intro": best["intro"],
            "locale": best["locale__language_code"],
            "fallback": best["locale__language_code"] != locale,
            "children": [],
        }
        nodes[key] = node
        parent = nodes.get(index.key_by_path.get(row["path"][: -Page.steplen]))
        (parent["children"] if parent else roots).append(node)
    return roots
