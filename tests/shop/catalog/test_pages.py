"""Product pages in the Wagtail admin: one editor form for copy and shop data, translations made
from the admin share the shop data, and the guards that keep one product per translation group."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from shop.catalog.errors import ShopDataChanged
from shop.catalog.models import Product
from shop.catalog.pages import ProductPage
from shop.catalog.services import product_update, stock_adjust, stock_set
from tests.conftest import prefer_english_admin
from tests.shop.catalog.factories import make_image, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.com", password="admin password 1")
    client.force_login(prefer_english_admin(admin))
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


def loaded(**values) -> dict:
    """The hidden copies of price and stock the editor's form was loaded with."""
    return {f"{name}-loaded": str(value) for name, value in values.items()}


def test_editor_creates_a_product_page_with_shop_data_in_one_form(editor_client, clothes):
    url = reverse("wagtailadmin_pages:add", args=["catalog", "productpage", clothes.pk])
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
    url = reverse("wagtailadmin_pages:add", args=["catalog", "productpage", clothes.pk])
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
    data.update(loaded(net_price="10.00", stock_quantity=1))
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


def edit_form(page, **overrides) -> dict:
    """What the editor's browser sends for ``page`` as loaded now, with ``overrides`` typed in."""
    product = Product.objects.get(pk=page.product_id)
    shown = {
        "sku": product.sku,
        "net_price": str(product.net_price),
        "vat_class": product.vat_class_id,
        "stock_quantity": str(product.stock_quantity),
    }
    data = page_form(**{"title": page.title, "slug": page.slug, "summary": page.summary, **shown, **overrides})
    data.update(loaded(**shown, active=product.active))
    return data


def test_the_editor_form_carries_the_loaded_shop_data(editor_client, clothes):
    page = make_product(clothes, title="Pipo", slug="pipo", sku="HAT-1", net_price="10.00", stock=5)
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    for name, value in {"net_price": "10.00", "stock_quantity": "5", "sku": "HAT-1", "active": "True"}.items():
        assert f'<input type="hidden" name="{name}-loaded" value="{value}">' in response.content.decode()


def test_a_typo_fix_does_not_restore_stock_sold_meanwhile(editor_client, clothes):
    """The lost update: the editor opens the page (stock 5), two are sold, the editor fixes a
    typo in the title and saves. Before, the save wrote the stock 5 it had loaded."""
    page = make_product(clothes, title="Pipoo", slug="pipo", sku="HAT-1", net_price="10.00", stock=5)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form(page, title="Pipo")  # opened now
    stock_adjust(product=page.product, delta=-2)  # a sale while the editor types

    response = editor_client.post(edit, data)

    assert response.status_code == 200  # refused, with the reason on the field
    form = response.context["form"]
    assert form.errors["stock_quantity"] == [
        "This changed while you were editing (it is now 3). The field shows the current value: check it and save again."
    ]
    assert list(form.errors) == ["stock_quantity"]
    assert Product.objects.get(pk=page.product_id).stock_quantity == 3
    page.refresh_from_db()
    assert page.title == "Pipoo" and page.revisions.count() == 1
    # The form now shows (and carries) the current stock, so saving again goes through.
    assert form["stock_quantity"].value() == "3"
    assert '<input type="hidden" name="stock_quantity-loaded" value="3">' in response.content.decode()

    response = editor_client.post(edit, {**data, "stock_quantity": "3", "stock_quantity-loaded": "3"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Pipo"
    assert Product.objects.get(pk=page.product_id).stock_quantity == 3


def test_a_price_changed_meanwhile_is_not_overwritten(editor_client, clothes):
    page = make_product(clothes, title="Pipo", slug="pipo", sku="HAT-1", net_price="10.00", stock=5)
    data = edit_form(page, net_price="11.00")
    product_update(product=page.product, net_price=Decimal("12.00"))  # another editor, another language

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["net_price"]
    assert Product.objects.get(pk=page.product_id).net_price == Decimal("12.00")


def test_the_error_is_in_the_editors_language(editor_client, clothes, django_user_model):
    from wagtail.users.models import UserProfile

    editor = django_user_model.objects.get(email="admin@example.com")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fi"
    profile.save()
    page = make_product(clothes, title="Pipo", slug="pipo", sku="HAT-1", net_price="10.00", stock=5)
    data = edit_form(page)
    stock_adjust(product=page.product, delta=-1)

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.context["form"].errors["stock_quantity"] == [
        "Tämä muuttui muokkauksen aikana (nyt 4). Kentässä on nyt nykyinen arvo: tarkista se ja tallenna uudelleen."
    ]


def test_only_the_fields_the_editor_changed_are_written(editor_client, clothes):
    page = make_product(clothes, title="Pipo", slug="pipo", sku="HAT-1", net_price="10.00", stock=5)
    data = edit_form(page, net_price="11.00")
    # Meanwhile someone moves the product to the reduced VAT class and renames its SKU.
    product_update(product=page.product, vat_class="reduced", sku="HAT-2")

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 302
    product = Product.objects.get(pk=page.product_id)
    assert (product.sku, product.vat_class_id, product.net_price, product.stock_quantity) == (
        "HAT-2",
        "reduced",
        Decimal("11.00"),
        5,
    )


def test_the_services_refuse_a_stale_expected_value(clothes):
    page = make_product(clothes, title="Pipo", stock=5, net_price="10.00")
    stock_adjust(product=page.product, delta=-1)
    with pytest.raises(ShopDataChanged) as excinfo:
        stock_set(product=page.product, quantity=9, expected=5)
    assert excinfo.value.code == "shop_data_changed"
    with pytest.raises(ShopDataChanged):
        product_update(product=page.product, net_price=Decimal("9.00"), expected_net_price=Decimal("11.00"))
    product = Product.objects.get(pk=page.product_id)
    assert (product.stock_quantity, product.net_price) == (4, Decimal("10.00"))


def test_a_background_save_hands_the_open_form_its_new_loaded_values(editor_client, clothes):
    """Wagtail saves in the background and keeps the editor on the open form: the form's loaded
    values must follow, or the editor's next save would be refused as stale."""
    page = make_product(clothes, title="Pipo", slug="pipo", sku="HAT-1", net_price="10.00", stock=5)
    data = edit_form(page, stock_quantity="8")
    data.pop("action-publish")

    response = editor_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), data, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 200
    updates = dict(response.json()["field_updates"])
    assert updates["stock_quantity-loaded"] == "8"
    assert updates["net_price-loaded"] == "10.00"
    assert Product.objects.get(pk=page.product_id).stock_quantity == 8
