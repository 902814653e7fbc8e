"""The move of the product page types from app ``cms`` to app ``catalog`` keeps existing content:
pages made with the old schema load as the new classes, keep their gallery and shop data, can be
published again and are listed. Runs on SQLite and on PostgreSQL."""

import uuid
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage
from wagtail.models import Page

from shop.catalog.models import ProductListing
from shop.catalog.pages import ProductCategoryPage, ProductPage

BEFORE = [("cms", "0002_product_pages"), ("catalog", "0003_product_listing")]


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets).apps if targets else None


def old_content(apps) -> dict:
    """A home page, a category, a product page with an image, built with the pre-move models."""
    content_type = apps.get_model("contenttypes", "ContentType").objects
    Page_ = apps.get_model("wagtailcore", "Page")
    locale = apps.get_model("wagtailcore", "Locale").objects.get(language_code="fi")
    root = Page_.objects.get(depth=1)

    def page(model_name, parent_path, depth, title, **fields):
        model = apps.get_model("cms", model_name)
        path = f"{parent_path}{'0009' if depth == 2 else '0001'}"
        return model.objects.create(
            title=title,
            draft_title=title,
            slug=title.lower(),
            content_type=content_type.get_or_create(app_label="cms", model=model_name.lower())[0],
            path=path,
            depth=depth,
            numchild=0 if model_name == "ProductPage" else 1,
            url_path=f"/{title.lower()}/",
            live=True,
            locale=locale,
            translation_key=uuid.uuid4(),
            **fields,
        )

    home = page("HomePage", root.path, 2, "Koti")
    category = page("ProductCategoryPage", home.path, 3, "Vaatteet", intro="Lämpimiä")
    product = apps.get_model("catalog", "Product").objects.create(
        sku="OLD-1", net_price=Decimal("20.00"), vat_class_id="standard", stock_quantity=3
    )
    product_page = page(
        "ProductPage", category.path, 4, "Villasukat", summary="Lämpimät sukat.", body="[]", product=product
    )
    buffer = BytesIO()
    PILImage.new("RGB", (64, 48), (10, 20, 30)).save(buffer, "PNG")
    name = default_storage.save("original_images/old.png", buffer)
    collection = apps.get_model("wagtailcore", "Collection").objects.get(depth=1)
    image = apps.get_model("wagtailimages", "Image").objects.create(
        title="old", file=name, width=64, height=48, collection=collection
    )
    apps.get_model("cms", "ProductPageGalleryImage").objects.create(
        page=product_page, image=image, alt_text="Punaiset villasukat", sort_order=0
    )
    return {"category": category.pk, "product_page": product_page.pk, "product": product.pk}


@pytest.mark.django_db(transaction=True)
def test_pages_made_before_the_move_load_as_catalogue_pages(restore_migrated_data, api_client):
    try:
        ids = old_content(migrate(BEFORE))
        migrate()

        category = Page.objects.get(pk=ids["category"]).specific
        page = Page.objects.get(pk=ids["product_page"]).specific
        assert type(category) is ProductCategoryPage and type(page) is ProductPage
        assert ContentType.objects.get_for_id(page.content_type_id).app_label == "catalog"
        assert not ContentType.objects.filter(app_label="cms", model__startswith="product").exists()
        assert (page.product_id, page.summary) == (ids["product"], "Lämpimät sukat.")
        assert [item.alt_text for item in page.gallery_images.all()] == ["Punaiset villasukat"]
        assert ProductPage._meta.db_table == "catalog_productpage"

        # Editing goes on as before: a new revision publishes and the product is listed.
        page.summary = "Lämpimät villasukat."
        page.save_revision().publish()
        assert ProductListing.objects.filter(product_id=ids["product"]).count() == 3  # fi, and et/en fallbacks
        body = api_client.get("/api/v1/products/", {"q": "villa"}).json()
        assert [item["sku"] for item in body["results"]] == ["OLD-1"]
        assert body["results"][0]["image"]["alt"] == "Punaiset villasukat"
    finally:
        migrate()
