"""Wishlist and recently viewed: idempotent writes, 401 for anonymous clients, ownership, cap,
de-duplication, merge after sign-in, localised product cards, privacy export and erasure."""

import pytest

from shop.catalog.models import Product
from shop.catalog.services import product_update
from shop.wishlist.models import RecentlyViewed, WishlistItem
from shop.wishlist.selectors import recently_viewed_export, wishlist_export
from shop.wishlist.services import recently_viewed_erase, wishlist_erase

from ..catalog.factories import make_product, translate

pytestmark = pytest.mark.django_db

WISHLIST = "/api/v1/wishlist/"
RECENT = "/api/v1/recently-viewed/"


@pytest.fixture
def products(clothes):
    pages = [make_product(clothes, title=f"Tuote {index}", net_price="10.00") for index in range(3)]
    translate(pages[0], "en", title="Product 0", slug="product-0-en")
    return [page.product_id for page in pages]


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", WISHLIST), ("put", f"{WISHLIST}1/"), ("delete", f"{WISHLIST}1/"), ("get", RECENT), ("post", RECENT)],
)
def test_anonymous_gets_401_authentication_required(api_client, method, url):
    response = getattr(api_client, method)(url, {"product_id": 1}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_required"


def test_put_is_idempotent_and_delete_too(api_client, user, products):
    api_client.force_authenticate(user)
    first = api_client.put(f"{WISHLIST}{products[0]}/")
    assert first.status_code == 201
    assert set(first.json()) == {"product_id", "added_at"} and first.json()["product_id"] == products[0]
    again = api_client.put(f"{WISHLIST}{products[0]}/")
    assert again.status_code == 200 and again.json() == first.json()
    assert WishlistItem.objects.filter(user=user).count() == 1
    assert api_client.delete(f"{WISHLIST}{products[0]}/").status_code == 204
    assert api_client.delete(f"{WISHLIST}{products[0]}/").status_code == 204
    assert not WishlistItem.objects.exists()


def test_unknown_or_inactive_product_is_404(api_client, user, products):
    api_client.force_authenticate(user)
    response = api_client.put(f"{WISHLIST}999999/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "product_not_found"
    product_update(product=Product.objects.get(pk=products[1]), active=False)
    assert api_client.put(f"{WISHLIST}{products[1]}/").status_code == 404


def test_list_is_localised_newest_first_and_own_only(api_client, user, other_user, products):
    WishlistItem.objects.create(user=other_user, product_id=products[2])
    api_client.force_authenticate(user)
    api_client.put(f"{WISHLIST}{products[0]}/")
    api_client.put(f"{WISHLIST}{products[1]}/")
    body = api_client.get(WISHLIST, {"locale": "en"}).json()
    assert list(body) == ["count", "next", "previous", "results"]
    assert [item["product_id"] for item in body["results"]] == [products[1], products[0]]
    card = body["results"][1]["product"]
    assert card["title"] == "Product 0" and card["price"]["gross"] == "12.40"  # en -> EE 24 %
    assert body["results"][0]["product"]["fallback"] is True
    # the other shopper's item is invisible and untouched by our delete
    assert api_client.delete(f"{WISHLIST}{products[2]}/").status_code == 204
    assert WishlistItem.objects.filter(user=other_user).count() == 1


def test_wishlist_query_count_is_constant(api_client, user, clothes, django_assert_max_num_queries):
    for index in range(25):
        page = make_product(clothes, title=f"T {index}")
        WishlistItem.objects.create(user=user, product_id=page.product_id)
    api_client.force_authenticate(user)
    with django_assert_max_num_queries(5):
        response = api_client.get(WISHLIST, {"page_size": 25})
    assert len(response.json()["results"]) == 25


def test_recently_viewed_dedupes_orders_and_caps(api_client, user, clothes):
    ids = [make_product(clothes, title=f"T {index}").product_id for index in range(22)]
    api_client.force_authenticate(user)
    for product_id in ids:
        assert api_client.post(RECENT, {"product_id": product_id}, format="json").status_code == 200
    body = api_client.post(RECENT, {"product_id": ids[5]}, format="json").json()
    assert body["count"] == 20
    listed = [item["product_id"] for item in body["results"]]
    # the two oldest views fell off; viewing ids[5] again moved it to the top, without a duplicate
    assert listed == [ids[5], *reversed(ids[6:]), ids[4], ids[3], ids[2]]
    assert RecentlyViewed.objects.filter(user=user).count() == 20


def test_recently_viewed_hides_inactive_products_and_other_users(api_client, user, other_user, products):
    RecentlyViewed.objects.create(user=other_user, product_id=products[2])
    api_client.force_authenticate(user)
    api_client.post(RECENT, {"product_id": products[0]}, format="json")
    api_client.post(RECENT, {"product_id": products[1]}, format="json")
    product_update(product=Product.objects.get(pk=products[1]), active=False)
    body = api_client.get(RECENT).json()
    assert [item["product_id"] for item in body["results"]] == [products[0]]


def test_merge_anonymous_list_after_sign_in(api_client, user, products):
    RecentlyViewed.objects.create(user=user, product_id=products[2])
    api_client.force_authenticate(user)
    response = api_client.post(RECENT, {"product_ids": [products[1], products[0], products[1], 999999]}, format="json")
    assert response.status_code == 200
    assert [item["product_id"] for item in response.json()["results"]] == [products[1], products[0], products[2]]


@pytest.mark.parametrize("payload", [{}, {"product_id": 1, "product_ids": [1]}, {"product_ids": ["x"]}])
def test_recently_viewed_input_is_validated(api_client, user, payload):
    api_client.force_authenticate(user)
    response = api_client.post(RECENT, payload, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "validation_error"


def test_export_and_erase_only_touch_the_user(user, other_user, products):
    WishlistItem.objects.create(user=user, product_id=products[0])
    WishlistItem.objects.create(user=other_user, product_id=products[0])
    RecentlyViewed.objects.create(user=user, product_id=products[1])
    sku = Product.objects.get(pk=products[0]).sku
    assert [(row["product_id"], row["sku"]) for row in wishlist_export(user=user)] == [(products[0], sku)]
    assert [row["product_id"] for row in recently_viewed_export(user=user)] == [products[1]]
    assert wishlist_erase(user=user) == 1 and recently_viewed_erase(user=user) == 1
    assert wishlist_export(user=user) == [] and recently_viewed_export(user=user) == []
    assert WishlistItem.objects.filter(user=other_user).count() == 1


def test_rows_go_with_the_account(user, products):
    WishlistItem.objects.create(user=user, product_id=products[0])
    RecentlyViewed.objects.create(user=user, product_id=products[0])
    user.delete()
    assert not WishlistItem.objects.exists() and not RecentlyViewed.objects.exists()


def test_ids_too_big_for_the_database_are_a_clean_4xx_and_change_nothing(api_client, user, products):
    """SQLite raised OverflowError (a 500) for ids past 2**63 - 1."""
    WishlistItem.objects.create(user=user, product_id=products[0])
    api_client.force_authenticate(user)
    huge = 9223372036854775808
    response = api_client.delete(f"{WISHLIST}{huge}/")
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    response = api_client.put(f"{WISHLIST}{huge}/")
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    for payload in ({"product_ids": [99999999999999999999999]}, {"product_id": huge}):
        response = api_client.post(RECENT, payload, format="json")
        assert (response.status_code, response.json()["error"]["code"]) == (400, "validation_error")
    assert list(response.json()["error"]["fields"]) == ["product_id"]
    assert list(WishlistItem.objects.values_list("product_id", flat=True)) == [products[0]]
    assert not RecentlyViewed.objects.exists()


@pytest.mark.parametrize("query", [{"page_size": "0"}, {"page_size": "101"}, {"page": "x"}, {"page": "0"}])
def test_invalid_page_or_page_size_is_400(api_client, user, query):
    api_client.force_authenticate(user)
    for url in (WISHLIST, RECENT):
        response = api_client.get(url, query)
        assert (response.status_code, response.json()["error"]["code"]) == (400, "validation_error")
        assert list(response.json()["error"]["fields"]) == list(query)


@pytest.mark.parametrize("language", ["fi", "et"])
def test_either_product_id_or_product_ids_message_is_translated(api_client, user, language):
    api_client.force_authenticate(user)
    english = api_client.post(f"{RECENT}?locale=en", {}, format="json").json()["error"]["fields"]
    translated = api_client.post(f"{RECENT}?locale={language}", {}, format="json").json()["error"]["fields"]
    assert english == {"non_field_errors": ["Send either product_id or product_ids."]}
    assert translated["non_field_errors"] != english["non_field_errors"]
