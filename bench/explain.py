"""How the database answers the catalogue's list and detail queries: ``EXPLAIN`` of each benchmarked
filter and ordering (``bench.run.GET_URLS``), summarised to the scans on the read model.

    DJANGO_SETTINGS_MODULE=config.settings.bench python -c "import django; django.setup(); \
        from bench.explain import main; main()"

``bench/run.py`` calls it for every dataset and prints the summary under its table: on
PostgreSQL each line should name an index (``Index Scan using catalog_listing_...``, or a bitmap
scan of the trigram index for ``q``), never ``Seq Scan on catalog_productlisting``.
"""

import json
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from django.db import connection

from bench.run import GET_URLS
from shop.catalog.selectors import ORDERINGS, ProductFilters, _detail_rows, product_list
from shop.catalog.vat import country_for, today

SCAN = re.compile(r"((?:Parallel )?(?:Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan)[^(]*)")


def _filters(query: dict[str, list[str]], category: str) -> ProductFilters:
    one = {key: values[0] for key, values in query.items()}
    return ProductFilters(
        category=one.get("category", "").replace("{category}", category) or None,
        q=one.get("q") or None,
        min_price=Decimal(one["min_price"]) if "min_price" in one else None,
        max_price=Decimal(one["max_price"]) if "max_price" in one else None,
        in_stock={"true": True, "false": False}.get(one.get("in_stock", "")),
        ordering=one.get("ordering", "newest") if one.get("ordering", "newest") in ORDERINGS else "newest",
    )


def summarise(plan: str) -> list[str]:
    """The scan nodes of a plan (PostgreSQL), or SQLite's SEARCH/SCAN lines."""
    if connection.vendor == "postgresql":
        return [match.strip() for match in SCAN.findall(plan)]
    return [match.group(0) for line in plan.splitlines() if (match := re.search(r"\b(SEARCH|SCAN)\b.*", line))]


def plans(category: str) -> dict[str, list[str]]:
    result = {}
    for label, (path, _target) in GET_URLS.items():
        parts = urlsplit(path)
        if parts.path == "/api/v1/products/":
            query = parse_qs(parts.query)
            locale = query.get("locale", ["fi"])[0]
            rows = product_list(
                locale=locale,
                country=country_for(locale=locale, country=None),
                on=today(),
                filters=_filters(query, category),
            )[:20]
            result[label] = summarise(rows.explain())
        elif parts.path.startswith("/api/v1/products/"):
            slug = parts.path.rstrip("/").rsplit("/", 1)[-1]
            compiled = _detail_rows._build()
            sql, params = compiled.query.sql_with_params()
            with connection.cursor() as cursor:
                prefix = "EXPLAIN" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
                cursor.execute(f"{prefix} {sql}", [slug if str(p).startswith("\x00") else p for p in params])
                plan = "\n".join(" ".join(str(col) for col in row) for row in cursor.fetchall())
            result[label] = summarise(plan)
    return result


def main() -> None:
    from shop.catalog.pages import ProductCategoryPage

    category = ProductCategoryPage.objects.live().filter(locale__language_code="fi").first()
    print(json.dumps(plans(category.slug if category else "none")))


if __name__ == "__main__":
    main()
