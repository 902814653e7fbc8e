"""The product and category page types now belong to app ``catalog`` (``catalog.0004`` takes
over their tables and content types); here they leave ``cms``'s migration state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_product_pages"),
        ("catalog", "0004_product_pages_from_cms"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ProductPageGalleryImage"),
                migrations.DeleteModel(name="ProductPage"),
                migrations.DeleteModel(name="ProductCategoryPage"),
            ],
            database_operations=[],
        ),
    ]
