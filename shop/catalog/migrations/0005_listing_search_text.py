"""``ProductListing.search_text``: what ``?q=`` matches, by substring (see ``listing.search_text``).

Existing rows get their title and summary folded here; the body text joins at the next
refresh of a row (publish, or ``manage.py rebuild_product_listing``). On PostgreSQL a pg_trgm GIN
index serves ``LIKE '%villa%'`` (creating the extension needs a role allowed to; ``pg_trgm`` is
a trusted extension since PostgreSQL 13, so a database owner is enough).
"""

import unicodedata

from django.db import migrations, models


def _fold(*parts: str) -> str:
    text = " ".join(part for part in parts if part)
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " ".join(folded.split())


def fill(apps, schema_editor):
    ProductListing = apps.get_model("catalog", "ProductListing")
    db = schema_editor.connection.alias
    rows = list(ProductListing.objects.using(db).only("pk", "title", "summary"))
    for row in rows:
        row.search_text = _fold(row.title, row.summary)
    ProductListing.objects.using(db).bulk_update(rows, ["search_text"], batch_size=500)


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS catalog_listing_search_trgm "
        "ON catalog_productlisting USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalog_listing_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_product_pages_from_cms"),
    ]

    operations = [
        migrations.AddField(
            model_name="productlisting",
            name="search_text",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
