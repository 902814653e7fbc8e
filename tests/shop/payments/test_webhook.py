"""The payment webhook: signatures (bad, old, missing), replays, cancel releasing stock, the test
bank's page."""

import json
import time

import pytest

from shop.catalog.models import Product, ProductListing
from shop.orders.models import Order
from shop.payments.models import Payment, PaymentEvent
from shop.payments.providers import sign
from shop.privacy.models import Disclosure
from shop.shipping.carriers import FakeTransport
from tests.shop.checkout.conftest import cart_with, checkout, checkout_body, webhook
from tests.shop.conftest import bearer_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(user, shop_setup):
    client = bearer_client(user)
    response = checkout(client, checkout_body(cart_with(client, shop_setup, 1)))
    assert response.status_code == 201
    body = response.json()
    return body["order_number"], body["payment"]["payment_id"]


def _unchanged(number):
    order = Order.objects.get(number=number)
    assert order.status == "awaiting_payment"
    assert not PaymentEvent.objects.exists() and Payment.objects.get().status == "pending"
    assert not FakeTransport.sent and not Disclosure.objects.exists()


def test_paid_webhook_moves_the_order_once_and_replays_change_nothing(
    api_client, placed, django_capture_on_commit_callbacks
):
    number, payment_id = placed
    with django_capture_on_commit_callbacks(execute=True):
        response = webhook(api_client, number, payment_id)
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False, "order_status": "paid"}
    with django_capture_on_commit_callbacks(execute=True):
        replay = webhook(api_client, number, payment_id)
    assert replay.status_code == 200
    assert replay.json() == {"received": True, "duplicate": True, "order_status": "paid"}
    assert PaymentEvent.objects.count() == 1 and len(FakeTransport.sent) == 1 and Disclosure.objects.count() == 1
    # A later, contradicting event is kept for reconciliation but cannot unpay the order.
    late = webhook(api_client, number, payment_id, status="cancelled", event_id="evt_2")
    assert late.json() == {"received": True, "duplicate": False, "order_status": "paid"}
    assert Order.objects.get().status == "paid" and Payment.objects.get().status == "paid"
    assert PaymentEvent.objects.count() == 2 and len(FakeTransport.sent) == 1


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw, header: (raw, header.replace("v1=", "v1=0")),  # wrong digest
        lambda raw, header: (raw.replace(b"28.89", b"0.01"), header),  # body changed after signing
        lambda raw, header: (raw, ""),  # no signature
        lambda raw, header: (raw, "t=abc,v1=00"),  # garbage
        lambda raw, header: (raw, sign(secret="someone-else", body=raw)),  # wrong secret
        lambda raw, header: (raw, sign(secret="test-webhook-secret", body=raw, timestamp=int(time.time()) - 301)),
        lambda raw, header: (raw, sign(secret="test-webhook-secret", body=raw, timestamp=int(time.time()) + 301)),
    ],
)
def test_bad_or_old_signatures_are_400_and_change_nothing(api_client, placed, mangle):
    number, payment_id = placed
    raw = json.dumps(
        {
            "event_id": "evt_1",
            "payment_id": payment_id,
            "order_number": number,
            "status": "paid",
            "amount": "28.89",
            "currency": "EUR",
        }
    ).encode()
    raw, header = mangle(raw, sign(secret="test-webhook-secret", body=raw))
    response = api_client.post(
        "/api/v1/payments/test-bank/webhook/", raw, content_type="application/json", HTTP_X_XMI_SIGNATURE=header
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_signature"
    _unchanged(number)


def test_signed_but_wrong_payment_details_are_400(api_client, placed):
    number, payment_id = placed
    assert webhook(api_client, number, payment_id, amount="1.00").json()["error"]["code"] == "unknown_payment"
    assert webhook(api_client, "XM0", payment_id).json()["error"]["code"] == "unknown_payment"
    assert webhook(api_client, number, payment_id, status="maybe").status_code == 400
    assert (
        api_client.post("/api/v1/payments/paypal/webhook/", b"{}", content_type="application/json").status_code == 404
    )
    _unchanged(number)


def test_cancelled_payment_cancels_the_order_and_releases_stock(api_client, placed):
    number, payment_id = placed
    assert Product.objects.get().stock_quantity == 4
    response = webhook(api_client, number, payment_id, status="cancelled")
    assert response.json() == {"received": True, "duplicate": False, "order_status": "cancelled"}
    assert Product.objects.get().stock_quantity == 5
    assert set(ProductListing.objects.values_list("stock_quantity", flat=True)) <= {5}
    assert not FakeTransport.sent


def test_test_bank_cancel_lands_back_with_the_order_cancelled(client, placed):
    _number, payment_id = placed
    response = client.post(f"/payments/test-bank/{payment_id}/", {"decision": "cancel"})
    assert response.status_code == 302
    assert Order.objects.get().status == "cancelled" and Product.objects.get().stock_quantity == 5
    # Deciding again does nothing; an unknown decision or payment is refused.
    assert client.post(f"/payments/test-bank/{payment_id}/", {"decision": "approve"}).status_code == 302
    assert Order.objects.get().status == "cancelled"
    assert client.get("/payments/test-bank/pay_nope/").status_code == 404


def test_test_bank_page_is_translated(client, placed):
    _number, payment_id = placed
    Order.objects.update(locale="et")
    page = client.get(f"/payments/test-bank/{payment_id}/").content.decode()
    assert "Testpank" in page and "Kinnita makse" in page
    # Styled by a file: its Content-Security-Policy (style-src 'self') blocks inline styles.
    assert "<style" not in page and "/static/payments/test_bank.css" in page
    assert client.get("/static/payments/test_bank.css").status_code == 200
    Order.objects.update(locale="fi")
    assert "Hyväksy maksu" in client.get(f"/payments/test-bank/{payment_id}/").content.decode()


def test_test_bank_is_off_when_disabled(client, placed, settings):
    _number, payment_id = placed
    settings.PAYMENT_TEST_BANK_ENABLED = False
    assert client.get(f"/payments/test-bank/{payment_id}/").status_code == 404


def test_payment_for_an_expired_order_is_kept_and_flagged_for_refund(api_client, placed):
    from shop.orders.services import orders_expire_unpaid

    number, payment_id = placed
    Order.objects.update(expires_at=Order.objects.get().created_at)
    assert orders_expire_unpaid() == 1
    assert Product.objects.get().stock_quantity == 5
    response = webhook(api_client, number, payment_id)
    assert response.json() == {"received": True, "duplicate": False, "order_status": "expired"}
    order = Order.objects.get()
    assert order.refund_pending and order.status == "expired" and not FakeTransport.sent
