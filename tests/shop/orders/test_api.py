"""The shopper's orders: owner-scoped, other people's orders are 404, guests read theirs through
the signed link, query counts pinned, VAT breakdown per rate."""

from decimal import Decimal

import pytest

from shop.orders.models import OrderLine
from shop.orders.services import order_lookup_token
from tests.shop.conftest import make_order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
def test_list_is_owner_scoped_with_fixed_queries(auth_client, user, other_user, django_assert_num_queries, count):
    mine = [make_order(user, lines=2) for _ in range(count)]
    make_order(other_user)
    with django_assert_num_queries(4):  # token, count, orders, lines
        response = auth_client.get("/api/v1/orders/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == count and body["previous"] is None and body["next"] is None
    assert [o["number"] for o in body["results"]] == [o.number for o in reversed(mine)]
    first = body["results"][0]
    assert first["totals"] == {
        "currency": "EUR",
        "items": "49.80",
        "shipping": "0.00",
        "net": "40.16",
        "vat": "9.64",
        "grand_total": "49.80",
        "vat_breakdown": [{"rate": "24.00", "net": "40.16", "vat": "9.64", "gross": "49.80"}],
    }
    assert len(first["lines"]) == 2 and first["lines"][0]["vat_rate"] == "24.00"
    assert set(first) == {
        "number",
        "status",
        "created_at",
        "expires_at",
        "paid_at",
        "locale",
        "contact",
        "shipping",
        "totals",
        "refund_pending",
        "lines",
    }
    assert first["shipping"] == {
        "method": "courier-ee",
        "carrier": "",
        "kind": "",
        "pickup_point_id": "",
        "pickup_point": "",
        "address": {"line1": "Pikk 1", "line2": "", "postcode": "10123", "city": "Tallinn", "country": "EE"},
    }


def test_vat_breakdown_has_one_row_per_rate_including_shipping(auth_client, user):
    order = make_order(
        user,
        shipping_gross=Decimal("3.99"),
        shipping_vat_rate=Decimal("24.00"),
        total_net=Decimal("33.37"),
        total_vat=Decimal("5.42"),
        total_gross=Decimal("38.79"),
    )
    OrderLine.objects.create(
        order=order,
        sku="BOOK",
        title="Book",
        quantity=1,
        unit_price_net=Decimal("10.00"),
        unit_price_gross=Decimal("10.90"),
        vat_rate=Decimal("9.00"),
        total_gross=Decimal("10.90"),
    )
    totals = auth_client.get(f"/api/v1/orders/{order.number}/").json()["totals"]
    assert totals["vat_breakdown"] == [
        {"rate": "24.00", "net": "23.30", "vat": "5.59", "gross": "28.89"},
        {"rate": "9.00", "net": "10.00", "vat": "0.90", "gross": "10.90"},
    ]


def test_detail_and_other_peoples_orders_are_404(auth_client, user, other_user, django_assert_num_queries):
    mine, theirs = make_order(user), make_order(other_user)
    with django_assert_num_queries(3):  # token, order, lines
        response = auth_client.get(f"/api/v1/orders/{mine.number}/")
    assert response.status_code == 200 and response.json()["number"] == mine.number
    for number in (theirs.number, "XM000000"):
        response = auth_client.get(f"/api/v1/orders/{number}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_orders_need_sign_in(api_client):
    assert api_client.get("/api/v1/orders/").status_code == 401


def test_guest_reads_their_order_through_the_signed_link(api_client, django_assert_num_queries):
    order = make_order(None, status="awaiting_payment")
    token = order_lookup_token(order=order)
    with django_assert_num_queries(2):  # order, lines
        response = api_client.get(f"/api/v1/orders/lookup/?token={token}")
    assert response.status_code == 200
    assert response.json()["number"] == order.number and response.json()["status"] == "awaiting_payment"
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert api_client.get(f"/api/v1/orders/lookup/?token={forged}").status_code == 404
    missing = api_client.get("/api/v1/orders/lookup/")
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "token_required"
