"""Product pages in the Wagtail admin: one editor form for copy and shop data, translations made
from the admin share the shop data, and the guards that keep one product per translation group."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import ProductPage
from shop.catalog.models import Product
from tests.shop.catalog.factories import make_image, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.com", password="admin password 1")
    client.force_login(admin)
    return client


def page_form(**overrides) -> dict:
    image = make_image("form")
    data = {
        "title": "Villapaita",
        "slug": "villapaita",
        "summary": "Lämmin villapaita.",
        "body": streamfield([("paragraph", rich_text("<p>Pehmeää villaa.</p>"))]),
        "gallery_images": inline_formset([{"image": image.pk, "alt_text": "Sininen villapaita"}]),
        "sku": "SWEATER-1",
        "net_price": "40.00",
        "vat_class": "standard",
        "stock_quantity": "7",
        "active": "on",
        "action-publish": "publish",
        **overrides,
    }
    return nested_form_data(data)


def test_editor_creates_a_product_page_with_shop_data_in_one_form(editor_client, clothes):
    url = reverse("wagtailadmin_pages:add", args=["cms", "productpage", clothes.pk])
    response = editor_client.post(url, page_form())
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = ProductPage.objects.get(slug="villapaita")
    assert page.live
    product = page.product
    assert (product.sku, product.net_price, product.vat_class_id, product.stock_quantity, product.active) == (
        "SWEATER-1",
        Decimal("40.00"),
        "standard",
        7,
        True,
    )
    assert page.gallery_images.get().alt_text == "Sininen villapaita"


def test_editor_form_refuses_a_taken_sku(editor_client, clothes):
    make_product(clothes, title="Vanha", sku="SWEATER-1")
    url = reverse("wagtailadmin_pages:add", args=["cms", "productpage", clothes.pk])
    response = editor_client.post(url, page_form())
    assert response.status_code == 200
    assert "sku" in response.context["form"].errors
    assert Product.objects.count() == 1


def test_editing_a_translation_edits_the_shared_shop_data(editor_client, clothes):
    page = make_product(clothes, title="Pipo", slug="pipo", sku="HAT-1", net_price="10.00", stock=1)
    # Create the Estonian translation from the admin (simple_translation's Translate action).
    response = editor_client.post(
        reverse("simple_translation:submit_page_translation", args=[page.pk]),
        {"locales": [Locale.objects.get(language_code="et").pk]},
    )
    assert response.status_code == 302
    translation = ProductPage.objects.get(translation_key=page.translation_key, locale__language_code="et")
    assert translation.product_id == page.product_id and not translation.live

    edit = reverse("wagtailadmin_pages:edit", args=[translation.pk])
    data = page_form(title="Müts", slug="muts", summary="Soe müts.", sku="HAT-1", net_price="12.00", stock_quantity="3")
    response = editor_client.post(edit, data)
    assert response.status_code == 302
    product = Product.objects.get(pk=page.product_id)
    assert (product.net_price, product.stock_quantity) == (Decimal("12.00"), 3)
    assert Product.objects.count() == 1


def test_one_product_per_translation_group_and_unique_slug_per_locale(clothes):
    first = make_product(clothes, title="Yksi", slug="yksi")
    second = make_product(clothes, title="Kaksi", slug="kaksi")
    second.product = first.product
    with pytest.raises(ValidationError):
        second.full_clean()
    second.refresh_from_db()
    second.slug = "yksi"
    with pytest.raises(ValidationError) as excinfo:
        second.clean()
    assert "slug" in excinfo.value.error_dict


def test_publishing_makes_the_renditions(clothes):
    page = make_product(clothes, title="Kuva", images=1)
    image = page.gallery_images.get().image
    assert set(image.renditions.values_list("filter_spec", flat=True)) == {
        "fill-160x160|format-webp",
        "fill-480x480|format-webp",
        "max-1600x1600|format-webp",
    }


def test_copying_a_product_page_is_refused(editor_client, clothes):
    page = make_product(clothes, title="Yksi", slug="yksi")
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    response = editor_client.post(url, {"new_title": "Kopio", "new_slug": "kopio", "new_parent_page": clothes.pk})
    assert response.status_code == 302
    assert ProductPage.objects.count() == 1


def test_vat_rates_are_editable_in_the_admin(editor_client):
    response = editor_client.get(reverse("wagtailsnippets_catalog_vatrate:list"))
    assert response.status_code == 200
    assert b"25.50" in response.content
