"""The product and category page types move from app ``cms`` to app ``catalog`` (beside
``Product``), keeping every row.

1. State only: the models appear in ``catalog`` on the tables they already have
   (``cms_*``); ``cms.0003`` removes them from ``cms``'s state, also without touching the
   database.
2. ``AlterModelTable`` renames the three tables to ``catalog_*``.
3. The ``django_content_type`` rows are renamed from ``cms`` to ``catalog``, keeping their ids,
   so pages, revisions, log entries, the search index and permissions (which all point at the
   content type by id) resolve to the new classes.

Reversible: backwards renames the content types and tables back.
"""

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

MODELS = ("productcategorypage", "productpage", "productpagegalleryimage")


def _rename_content_types(apps, schema_editor, *, old: str, new: str) -> None:
    """Give the content types of the moved models the new app label. A row already under the
    new label can only be a leftover that nothing points at (post_migrate creates content types
    for the current models, e.g. after this migration was reversed): it and its permissions go,
    the old row with its id takes its place."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    for model in MODELS:
        current = ContentType.objects.using(db).filter(app_label=old, model=model).first()
        if current is None:
            continue
        leftovers = list(
            ContentType.objects.using(db).filter(app_label=new, model=model).values_list("pk", flat=True)
        )
        if leftovers:
            Permission.objects.using(db).filter(content_type_id__in=leftovers).delete()
            ContentType.objects.using(db).filter(pk__in=leftovers).delete()
        current.app_label = new
        current.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _rename_content_types(apps, schema_editor, old="cms", new="catalog")


def backwards(apps, schema_editor):
    _rename_content_types(apps, schema_editor, old="catalog", new="cms")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("catalog", "0003_product_listing"),
        ("cms", "0002_product_pages"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProductCategoryPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        ("intro", models.TextField(blank=True, max_length=1000, verbose_name="introduction")),
                    ],
                    options={
                        "verbose_name": "product category",
                        "verbose_name_plural": "product categories",
                        "db_table": "cms_productcategorypage",
                    },
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="ProductPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "summary",
                            models.TextField(
                                help_text="One or two sentences for lists and search.",
                                max_length=500,
                                verbose_name="summary",
                            ),
                        ),
                        (
                            "body",
                            wagtail.fields.StreamField(
                                [("heading", 0), ("paragraph", 1), ("specifications", 2), ("quote", 3)],
                                blank=True,
                                block_lookup={
                                    0: ("cms.blocks.HeadingBlock", (), {}),
                                    1: (
                                        "wagtail.blocks.RichTextBlock",
                                        (),
                                        {"features": ["bold", "italic", "link", "ol", "ul"]},
                                    ),
                                    2: ("cms.blocks.SpecificationsBlock", (), {}),
                                    3: ("wagtail.blocks.BlockQuoteBlock", (), {}),
                                },
                                verbose_name="body",
                            ),
                        ),
                        (
                            "product",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="pages",
                                to="catalog.product",
                                verbose_name="shop data",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "product page",
                        "verbose_name_plural": "product pages",
                        "db_table": "cms_productpage",
                    },
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="ProductPageGalleryImage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        (
                            "alt_text",
                            models.CharField(
                                help_text="What the image shows, for people who cannot see it.",
                                max_length=250,
                                verbose_name="alt text",
                            ),
                        ),
                        (
                            "image",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="wagtailimages.image",
                            ),
                        ),
                        (
                            "page",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="gallery_images",
                                to="catalog.productpage",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "gallery image",
                        "verbose_name_plural": "gallery images",
                        "ordering": ["sort_order"],
                        "abstract": False,
                        "db_table": "cms_productpagegalleryimage",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="productcategorypage", table=None),
        migrations.AlterModelTable(name="productpage", table=None),
        migrations.AlterModelTable(name="productpagegalleryimage", table=None),
        migrations.RunPython(forwards, backwards),
    ]
