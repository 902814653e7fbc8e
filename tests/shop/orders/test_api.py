"""The shopper's orders: owner-scoped, other people's orders are 404, query counts pinned."""

import pytest

from tests.factories import make_order

pytestmark = pytest.mark.django_db


def test_list_is_owner_scoped_with_fixed_queries(auth_client, user, other_user, django_assert_num_queries):
    mine = [make_order(user, lines=2) for _ in range(3)]
    make_order(other_user)
    with django_assert_num_queries(4):  # token, count, orders, lines
        response = auth_client.get("/api/v1/orders/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3 and body["previous"] is None and body["next"] is None
    assert [o["number"] for o in body["results"]] == [o.number for o in reversed(mine)]
    first = body["results"][0]
    assert first["totals"] == {"net": "20.08", "vat": "4.82", "gross": "24.90", "currency": "EUR"}
    assert len(first["lines"]) == 2 and first["lines"][0]["vat_rate"] == "24.00"
    assert set(first) == {
        "number",
        "status",
        "created_at",
        "shipping_method",
        "pickup_point_id",
        "totals",
        "refund_pending",
        "lines",
    }


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
