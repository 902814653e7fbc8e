"""Checkout through the API: the full purchase, idempotency, totals, validation, stock."""

import re

import pytest
from django.core import mail

from policies.models import PolicyReceipt
from shop.carts.models import CartLine
from shop.catalog.models import Product
from shop.checkout.models import CheckoutRequest
from shop.orders.models import Order, OrderStatusChange
from shop.payments.models import Payment
from shop.privacy.models import Disclosure
from shop.shipping.carriers import FakeTransport
from tests.shop.checkout.conftest import cart_with, checkout, checkout_body
from tests.shop.conftest import bearer_client

pytestmark = pytest.mark.django_db


def test_full_purchase_cart_checkout_test_bank_webhook_paid_disclosure(
    user, shop_setup, django_capture_on_commit_callbacks
):
    """A signed-in shopper: cart -> checkout -> the test bank's page -> approve -> signed webhook
    -> paid -> carrier hand-off with a disclosure record -> confirmation email -> order API."""
    client = bearer_client(user)
    token = cart_with(client, shop_setup, 1)
    body = client.get(f"/api/v1/carts/{token}/?country=EE&shipping_method=omniva-ee").json()
    assert body["totals"]["grand_total"] == "28.89"

    response = checkout(client, checkout_body(token, total="28.89"))
    assert response.status_code == 201, response.json()
    result = response.json()
    number = result["order_number"]
    assert re.fullmatch(r"XM\d{10}", number)
    payment = Payment.objects.get(order__number=number)
    assert result == {
        "order_number": number,
        "status": "awaiting_payment",
        "payment": {
            "provider": "test-bank",
            "payment_id": payment.payment_id,
            "redirect_url": f"http://127.0.0.1:8000/payments/test-bank/{payment.payment_id}/",
        },
        "totals": {
            "currency": "EUR",
            "items": "24.90",
            "shipping": "3.99",
            "net": "23.30",
            "vat": "5.59",
            "grand_total": "28.89",
            "vat_breakdown": [{"rate": "24.00", "net": "23.30", "vat": "5.59", "gross": "28.89"}],
        },
        "order_url": f"http://127.0.0.1:8000/orders/{number}",
    }
    assert Product.objects.get().stock_quantity == 4  # reserved
    assert not CartLine.objects.exists()  # the cart is emptied
    order = Order.objects.get(number=number)
    assert (order.user, order.shipping_kind, order.pickup_point_id, order.address_line1) == (
        user,
        "pickup_point",
        "omniva:96331",
        "",
    )

    page = client.get(f"/payments/test-bank/{payment.payment_id}/")
    assert page.status_code == 200 and "28,89 EUR" in page.content.decode()  # Finnish number format
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        landed = client.post(f"/payments/test-bank/{payment.payment_id}/", {"decision": "approve"})
    assert callbacks  # hand-off and email ran after the commit
    assert landed.status_code == 302 and landed["Location"] == f"http://127.0.0.1:8000/orders/{number}"

    order.refresh_from_db()
    assert order.status == "paid" and order.paid_at is not None
    assert list(OrderStatusChange.objects.filter(order=order).values_list("from_status", "to_status", "source")) == [
        ("", "awaiting_payment", "checkout"),
        ("awaiting_payment", "paid", "payment"),
    ]
    assert FakeTransport.sent == [
        {
            "carrier": "omniva",
            "key": f"shipment:{number}",
            "payload": {
                "reference": number,
                "carrier": "omniva",
                "recipient": {
                    "name": "Mari Maasikas",
                    "phone": "+37251234567",
                    "email": "mari@example.ee",
                    "pickup_point_id": "96331",
                },
            },
        }
    ]
    disclosure = Disclosure.objects.get()
    assert (disclosure.user, disclosure.order, disclosure.recipient, disclosure.fields) == (
        user,
        order,
        "Omniva",
        ["name", "phone", "email", "pickup_point_id"],
    )
    shown = client.get("/api/v1/me/disclosures/").json()["results"]
    assert [d["fields"] for d in shown] == [["name", "phone", "email", "pickup_point_id"]]
    exported = client.get("/api/v1/me/export/").json()
    assert [d["fields"] for d in exported["disclosures"]] == [["name", "phone", "email", "pickup_point_id"]]
    assert [o["number"] for o in exported["orders"]] == [number]

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["mari@example.ee"] and email.subject == f"Tilausvahvistus {number}"
    assert "ALV 24.00 %: veroton 23.30, vero 5.59, yhteensä 28.89" in email.body
    assert f"http://127.0.0.1:8000/orders/{number}" in email.body

    detail = client.get(f"/api/v1/orders/{number}/").json()
    assert detail["status"] == "paid" and detail["totals"]["grand_total"] == "28.89"
    assert detail["shipping"]["pickup_point"].startswith("Tallinna Kristiine keskuse pakiautomaat")


def test_guest_checkout_needs_the_terms_and_gets_a_checkout_receipt(api_client, shop_setup, terms):
    token = cart_with(api_client, shop_setup)
    response = checkout(api_client, checkout_body(token))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "policy_acknowledgement_required"
    assert not Order.objects.exists() and Product.objects.get().stock_quantity == 5

    response = checkout(api_client, checkout_body(token, acks=[terms]), key="key-2")
    assert response.status_code == 201, response.json()
    order = Order.objects.get()
    assert order.user is None and order.policy_versions == {"terms": 1}
    receipt = PolicyReceipt.objects.get()
    assert (receipt.user, receipt.context, receipt.subject_ref) == (None, "checkout", order.subject_ref)
    assert response.json()["order_url"].startswith("http://127.0.0.1:8000/orders/lookup?token=")

    stale = {**terms, "version": 7}
    response = checkout(api_client, checkout_body(cart_with(api_client, shop_setup), acks=[stale]), key="key-3")
    assert response.status_code == 409 and response.json()["error"]["code"] == "policy_version_not_current"


def test_signed_in_acknowledgements_become_checkout_receipts(user, shop_setup, terms):
    client = bearer_client(user)
    response = checkout(client, checkout_body(cart_with(client, shop_setup), acks=[terms]))
    assert response.status_code == 201
    assert list(PolicyReceipt.objects.values_list("user", "context")) == [(user.pk, "checkout")]


def test_same_key_same_body_is_the_same_order_other_body_is_409(user, shop_setup):
    client = bearer_client(user)
    body = checkout_body(cart_with(client, shop_setup))
    first = checkout(client, body)
    again = checkout(client, body)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert Order.objects.count() == 1 and Product.objects.get().stock_quantity == 4
    other = checkout(client, {**body, "expected_total": "1.00"})
    assert other.status_code == 409 and other.json()["error"]["code"] == "idempotency_key_reused"
    missing = client.post("/api/v1/checkout/", body, format="json")
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "idempotency_key_required"
    assert Order.objects.count() == 1


def test_total_changed_is_409_with_the_new_totals_and_changes_nothing(user, shop_setup):
    client = bearer_client(user)
    token = cart_with(client, shop_setup, 2)
    response = checkout(client, checkout_body(token, total="28.89"))
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "total_changed" and error["details"]["totals"]["grand_total"] == "53.79"
    assert not Order.objects.exists() and Product.objects.get().stock_quantity == 5
    assert CartLine.objects.get().quantity == 2
    # The key of a refused checkout is free again: the client retries with the new total.
    assert checkout(client, checkout_body(token, total="53.79")).status_code == 201


def test_insufficient_stock_at_checkout_is_409(user, shop_setup):
    client = bearer_client(user)
    token = cart_with(client, shop_setup, 3)
    from shop.catalog.services import stock_set

    stock_set(product=shop_setup, quantity=2)
    response = checkout(client, checkout_body(token, total="78.69"))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "insufficient_stock"
    assert response.json()["error"]["details"] == {
        "products": [{"product_id": shop_setup.pk, "requested": 3, "available": 2}]
    }
    assert not Order.objects.exists() and not CheckoutRequest.objects.exists()


def test_courier_needs_an_address_in_the_country_and_pickup_needs_a_matching_point(user, shop_setup):
    client = bearer_client(user)
    token = cart_with(client, shop_setup)
    cases = [
        ({"method": "courier-ee"}, "address_required"),
        (
            {
                "method": "courier-ee",
                "address": {"line1": "Aleksanterinkatu 1", "postcode": "00100", "city": "Helsinki", "country": "FI"},
            },
            "address_required",
        ),
        ({"method": "omniva-ee", "pickup_point_id": "dpd:EE90213"}, "pickup_point_required"),
        ({"method": "omniva-ee", "pickup_point_id": "omniva:99801"}, "pickup_point_required"),  # a FI locker
        ({"method": "omniva-ee"}, "pickup_point_required"),
        ({"method": "teleport"}, "shipping_method_invalid"),
    ]
    for n, (shipping, code) in enumerate(cases):
        response = checkout(client, checkout_body(token, shipping=shipping), key=f"k{n}")
        assert response.status_code == 400, shipping
        assert response.json()["error"]["code"] == code, shipping
    response = checkout(client, checkout_body(token, payment_method="card"), key="kp")
    assert response.status_code == 400 and response.json()["error"]["code"] == "payment_method_invalid"
    assert not Order.objects.exists() and Product.objects.get().stock_quantity == 5

    courier = {
        "method": "courier-ee",
        "address": {"line1": "Pikk 1", "postcode": "10123", "city": "Tallinn", "country": "EE"},
    }
    response = checkout(client, checkout_body(token, shipping=courier, total="31.89"), key="kc")
    assert response.status_code == 201, response.json()
    order = Order.objects.get()
    assert (order.shipping_kind, order.pickup_point_id, order.address_line1) == ("courier", "", "Pikk 1")


def test_invalid_input_is_400_with_fields(user, shop_setup):
    client = bearer_client(user)
    body = checkout_body(cart_with(client, shop_setup))
    body["contact"] = {**body["contact"], "phone": "12", "email": "nope"}
    response = checkout(client, body)
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"contact.phone", "contact.email"} or set(
        response.json()["error"]["fields"]["contact"]
    ) == {"phone", "email"}
    assert checkout(client, checkout_body("no-such-cart")).json()["error"]["code"] == "cart_not_found"


def test_empty_cart_and_someone_elses_cart(user, other_user, shop_setup):
    client = bearer_client(user)
    empty = client.post("/api/v1/carts/").json()["token"]
    response = checkout(client, checkout_body(empty))
    assert response.status_code == 400 and response.json()["error"]["code"] == "cart_empty"
    response = checkout(bearer_client(other_user), checkout_body(empty), key="k2")
    assert response.status_code == 404 and response.json()["error"]["code"] == "cart_not_found"


def test_confirmation_email_is_in_the_shoppers_locale(user, shop_setup, django_capture_on_commit_callbacks):
    client = bearer_client(user)
    token = cart_with(client, shop_setup)
    response = client.post(
        "/api/v1/checkout/?locale=et", checkout_body(token), format="json", HTTP_IDEMPOTENCY_KEY="et-1"
    )
    assert response.status_code == 201
    body = response.json()
    with django_capture_on_commit_callbacks(execute=True):
        assert len(mail.outbox) == 0  # nothing before the payment
        from tests.shop.checkout.conftest import webhook

        webhook(client, body["order_number"], body["payment"]["payment_id"])
    (email,) = mail.outbox
    assert email.subject == f"Tellimuse kinnitus {body['order_number']}"
    assert "KM 24.00 %: maksustatav 23.30, käibemaks 5.59, kokku 28.89" in email.body


@pytest.mark.parametrize("products", [1, 3])
def test_checkout_query_count_is_pinned(user, shop_setup, django_assert_num_queries, products):
    """A signed-in shopper's checkout, warm process: the same count for one product or three (the
    stock of all of them is taken in one locked read and two updates)."""
    from tests.shop.conftest import make_product

    client = bearer_client(user)
    token = cart_with(client, shop_setup)
    for n in range(1, products):
        line = {"product_id": make_product(f"SKU-{n}").pk, "quantity": 1}
        assert client.post(f"/api/v1/carts/{token}/lines/", line, format="json").status_code == 201
    total = client.get(f"/api/v1/carts/{token}/?country=EE&shipping_method=omniva-ee").json()["totals"]["grand_total"]
    # token; savepoint; idempotency key; cart; lock cart; lines with products and titles; method;
    # pickup point; lock products; stock; listing stock; policy versions; order; its lines; status
    # history; payment; empty the cart; key -> order; release. (23 and 27 before: a savepoint
    # around the key, updates per product, a titles query, the lines read back for the totals.)
    # 19: the lines, their products and their titles are one query (listing rows joined by
    # product; as a subquery per line SQLite scanned the locale's whole listing at 10,000 products).
    with django_assert_num_queries(19):
        response = checkout(client, checkout_body(token, total=total))
    assert response.status_code == 201, response.json()
