"""Carts: tokens, lines against stock, totals with the VAT breakdown, owner scoping, merging."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from shop.carts.models import Cart, CartLine
from shop.carts.services import cart_add_line, cart_create, carts_purge_expired
from tests.shop.conftest import make_product

pytestmark = pytest.mark.django_db

EMPTY_TOTALS = {
    "currency": "EUR",
    "items": "0.00",
    "shipping": None,
    "net": "0.00",
    "vat": "0.00",
    "grand_total": "0.00",
    "vat_breakdown": [],
}


def test_new_anonymous_cart_has_an_unguessable_token(api_client):
    response = api_client.post("/api/v1/carts/?country=EE")
    assert response.status_code == 201
    body = response.json()
    assert len(body["token"]) >= 43
    assert body == {"token": body["token"], "country": "EE", "lines": [], "totals": EMPTY_TOTALS}
    assert Cart.objects.get(token=body["token"]).user is None


def test_signed_in_shopper_always_gets_their_one_cart(auth_client, user):
    first = auth_client.post("/api/v1/carts/").json()["token"]
    assert auth_client.post("/api/v1/carts/").json()["token"] == first
    assert Cart.objects.filter(user=user).count() == 1


def test_lines_prices_and_vat_breakdown_per_rate(api_client, db):
    tea = make_product("TEA-1", net="20.08", stock=5)
    book = make_product("BOOK-1", net="10.00", stock=3, vat_class="reduced")
    token = api_client.post("/api/v1/carts/").json()["token"]
    response = api_client.post(
        f"/api/v1/carts/{token}/lines/?country=EE", {"product_id": tea.pk, "quantity": 2}, format="json"
    )
    assert response.status_code == 201
    response = api_client.post(
        f"/api/v1/carts/{token}/lines/?country=EE", {"product_id": book.pk, "quantity": 1}, format="json"
    )
    body = response.json()
    line = body["lines"][0]
    assert line == {
        "id": line["id"],
        "product_id": tea.pk,
        "sku": "TEA-1",
        "title": "TEA-1",
        "slug": "",
        "image_url": "",
        "quantity": 2,
        "available": 5,
        "unit_price": {"gross": "24.90", "net": "20.08", "vat_rate": "24.00", "currency": "EUR"},
        "total_gross": "49.80",
    }
    assert body["lines"][1]["unit_price"]["gross"] == "10.90"  # reduced 9 %
    assert body["totals"] == {
        "currency": "EUR",
        "items": "60.70",
        "shipping": None,
        "net": "50.16",
        "vat": "10.54",
        "grand_total": "60.70",
        "vat_breakdown": [
            {"rate": "24.00", "net": "40.16", "vat": "9.64", "gross": "49.80"},
            {"rate": "9.00", "net": "10.00", "vat": "0.90", "gross": "10.90"},
        ],
    }


def test_shipping_method_adds_its_price_at_the_standard_rate(api_client, shop_setup):
    token = api_client.post("/api/v1/carts/").json()["token"]
    api_client.post(f"/api/v1/carts/{token}/lines/", {"product_id": shop_setup.pk, "quantity": 1}, format="json")
    body = api_client.get(f"/api/v1/carts/{token}/?country=EE&shipping_method=omniva-ee").json()
    assert body["totals"]["shipping"] == "3.99" and body["totals"]["grand_total"] == "28.89"
    assert body["totals"]["vat_breakdown"] == [{"rate": "24.00", "net": "23.30", "vat": "5.59", "gross": "28.89"}]
    wrong = api_client.get(f"/api/v1/carts/{token}/?country=FI&shipping_method=omniva-ee")
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "shipping_method_invalid"


def test_adding_beyond_stock_is_409_and_changes_nothing(api_client, db):
    tea = make_product(stock=2)
    token = api_client.post("/api/v1/carts/").json()["token"]
    api_client.post(f"/api/v1/carts/{token}/lines/", {"product_id": tea.pk, "quantity": 2}, format="json")
    response = api_client.post(f"/api/v1/carts/{token}/lines/", {"product_id": tea.pk, "quantity": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "insufficient_stock"
    assert response.json()["error"]["details"] == {"product_id": tea.pk, "requested": 3, "available": 2}
    assert CartLine.objects.get().quantity == 2


def test_adding_to_a_line_at_the_largest_quantity_is_409_not_an_overflow(api_client, db):
    """The add-line upsert compares the sum as a 64-bit number: a line already at the column's
    largest value plus one is a 409 with the exact figures, on PostgreSQL (int4) as on SQLite."""
    largest = 2**31 - 1
    tea = make_product(stock=largest)
    token = api_client.post("/api/v1/carts/").json()["token"]
    CartLine.objects.create(cart=Cart.objects.get(token=token), product=tea, quantity=largest)
    last_used = Cart.objects.get(token=token).updated_at
    response = api_client.post(f"/api/v1/carts/{token}/lines/", {"product_id": tea.pk, "quantity": 1}, format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "insufficient_stock")
    assert response.json()["error"]["details"] == {"product_id": tea.pk, "requested": largest + 1, "available": largest}
    assert CartLine.objects.get().quantity == largest
    # A 409 changes nothing: not even the cart's "last used" time that the lock sets.
    assert Cart.objects.get(token=token).updated_at == last_used


def test_bad_input_is_400_and_unknown_things_404(api_client, db):
    tea = make_product()
    hidden = make_product("OFF-1", active=False)
    token = api_client.post("/api/v1/carts/").json()["token"]
    for body in ({"product_id": tea.pk, "quantity": 0}, {"product_id": "x", "quantity": 1}, {}):
        response = api_client.post(f"/api/v1/carts/{token}/lines/", body, format="json")
        assert response.status_code == 400 and response.json()["error"]["code"] == "validation_error"
    for product_id in (hidden.pk, 999999):
        response = api_client.post(
            f"/api/v1/carts/{token}/lines/", {"product_id": product_id, "quantity": 1}, format="json"
        )
        assert response.status_code == 404 and response.json()["error"]["code"] == "product_not_found"
    assert api_client.get("/api/v1/carts/not-a-token/").json()["error"]["code"] == "cart_not_found"
    assert api_client.patch(f"/api/v1/carts/{token}/lines/12345/", {"quantity": 1}, format="json").status_code == 404
    assert not CartLine.objects.exists()


def test_update_and_delete_lines(api_client, db):
    tea = make_product(stock=4)
    token = api_client.post("/api/v1/carts/").json()["token"]
    line_id = api_client.post(
        f"/api/v1/carts/{token}/lines/", {"product_id": tea.pk, "quantity": 1}, format="json"
    ).json()["lines"][0]["id"]
    response = api_client.patch(f"/api/v1/carts/{token}/lines/{line_id}/", {"quantity": 4}, format="json")
    assert response.status_code == 200 and response.json()["lines"][0]["quantity"] == 4
    too_many = api_client.patch(f"/api/v1/carts/{token}/lines/{line_id}/", {"quantity": 5}, format="json")
    assert too_many.status_code == 409 and CartLine.objects.get().quantity == 4
    response = api_client.delete(f"/api/v1/carts/{token}/lines/{line_id}/")
    assert response.status_code == 200 and response.json()["lines"] == []


def test_someone_elses_cart_is_404_even_with_its_token(api_client, auth_client, other_user):
    from tests.shop.conftest import bearer_client

    token = auth_client.post("/api/v1/carts/").json()["token"]
    for client in (api_client, bearer_client(other_user)):
        response = client.get(f"/api/v1/carts/{token}/")
        assert response.status_code == 404 and response.json()["error"]["code"] == "cart_not_found"
    assert auth_client.get(f"/api/v1/carts/{token}/").status_code == 200


@pytest.mark.parametrize("lines", [1, 5])
def test_cart_query_count_is_pinned(api_client, db, django_assert_num_queries, lines):
    token = api_client.post("/api/v1/carts/").json()["token"]
    cart = Cart.objects.get(token=token)
    for n in range(lines):
        cart_add_line(cart=cart, product_id=make_product(f"SKU-{n}").pk, quantity=1)
    api_client.get(f"/api/v1/carts/{token}/?locale=et")  # warms the VAT-rate memo, not this answer
    with django_assert_num_queries(2):  # cart; lines with their products and listing rows
        response = api_client.get(f"/api/v1/carts/{token}/")
    assert len(response.json()["lines"]) == lines
    with django_assert_num_queries(1):  # the cart (its state is the cache key): the answer is cached
        again = api_client.get(f"/api/v1/carts/{token}/")
    assert again.content == response.content and again["ETag"] == response["ETag"]
    assert again["Cache-Control"] == "private, no-cache"
    assert api_client.get(f"/api/v1/carts/{token}/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


def test_a_cached_cart_answer_follows_its_lines_prices_and_shipping(api_client, db, django_capture_on_commit_callbacks):
    from shop.catalog.services import product_update
    from shop.shipping.models import ShippingMethod
    from tests.shop.conftest import make_methods

    make_methods()
    tea, mug = make_product("TEA-1"), make_product("MUG-1", net="10.00")
    token = api_client.post("/api/v1/carts/").json()["token"]
    url = f"/api/v1/carts/{token}/?country=EE&shipping_method=omniva-ee"

    def read() -> dict:
        body = api_client.get(url).json()
        return {"lines": [(line["sku"], line["quantity"]) for line in body["lines"]], **body["totals"]}

    api_client.post(f"/api/v1/carts/{token}/lines/", {"product_id": tea.pk, "quantity": 1}, format="json")
    assert read()["grand_total"] == "28.89"  # 24.90 + 3.99 shipping
    api_client.post(f"/api/v1/carts/{token}/lines/", {"product_id": mug.pk, "quantity": 2}, format="json")
    assert read()["lines"] == [("TEA-1", 1), ("MUG-1", 2)]  # a line write moves the cart's key
    with django_capture_on_commit_callbacks(execute=True):
        product_update(product=mug, net_price="20.08")
    assert read()["grand_total"] == "78.69"  # 3 x 24.90 + 3.99: a price change moves the catalogue's
    with django_capture_on_commit_callbacks(execute=True):
        method = ShippingMethod.objects.get(code="omniva-ee")
        method.net_price = "4.03"
        method.save()
    assert read()["shipping"] == "5.00"  # a shipping method saved in the admin moves it too


def test_add_line_query_count_is_pinned(api_client, db, django_assert_num_queries):
    tea = make_product()
    token = api_client.post("/api/v1/carts/").json()["token"]
    api_client.get(f"/api/v1/carts/{token}/")
    # cart; then PostgreSQL: one statement that locks the cart, adds the line or to it and marks
    # the cart used; elsewhere: savepoint, lock (and mark), add, release; then the cart's answer:
    # its lines with their products and listing rows
    expected_queries = 3 if connection.vendor == "postgresql" else 6
    for expected in (1, 2):  # a new line, then the same line again
        with django_assert_num_queries(expected_queries):
            r = api_client.post(f"/api/v1/carts/{token}/lines/", {"product_id": tea.pk, "quantity": 1}, format="json")
        assert (r.status_code, [line["quantity"] for line in r.json()["lines"]]) == (201, [expected])


def test_login_merges_the_anonymous_cart_capped_at_stock(api_client, user):
    tea, mug, gone = make_product("TEA-1", stock=3), make_product("MUG-1", stock=9), make_product("GONE", stock=1)
    mine = cart_create(user=user)
    cart_add_line(cart=mine, product_id=tea.pk, quantity=2)
    anonymous = cart_create()
    cart_add_line(cart=anonymous, product_id=tea.pk, quantity=2)
    cart_add_line(cart=anonymous, product_id=mug.pk, quantity=1)
    cart_add_line(cart=anonymous, product_id=gone.pk, quantity=1)
    from shop.catalog.services import product_update

    product_update(product=gone, active=False)
    response = api_client.post(
        "/api/v1/auth/login/",
        {"email": user.email, "password": "correct horse battery", "cart_token": anonymous.token},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["cart"] == {
        "token": mine.token,
        "merged": [{"product_id": tea.pk, "quantity": 1}, {"product_id": mug.pk, "quantity": 1}],
        "capped": [
            {"product_id": tea.pk, "requested": 4, "quantity": 3},
            {"product_id": gone.pk, "requested": 1, "quantity": 0},
        ],
    }
    assert dict(CartLine.objects.filter(cart=mine).values_list("product__sku", "quantity")) == {"TEA-1": 3, "MUG-1": 1}
    assert not Cart.objects.filter(pk=anonymous.pk).exists()


def test_login_without_or_with_an_unknown_cart_token(api_client, user):
    body = {"email": user.email, "password": "correct horse battery"}
    assert "cart" not in api_client.post("/api/v1/auth/login/", body, format="json").json()
    response = api_client.post("/api/v1/auth/login/", {**body, "cart_token": "nope"}, format="json")
    assert response.json()["cart"]["merged"] == [] and response.json()["cart"]["capped"] == []


def test_purge_removes_stale_anonymous_carts_only(user, settings):
    settings.CART_TTL_DAYS = 30
    stale, fresh, own = cart_create(), cart_create(), cart_create(user=user)
    old = timezone.now() - timedelta(days=31)
    Cart.objects.filter(pk__in=[stale.pk, own.pk]).update(updated_at=old)
    assert carts_purge_expired() == 1
    assert set(Cart.objects.values_list("pk", flat=True)) == {fresh.pk, own.pk}
    assert carts_purge_expired() == 0
