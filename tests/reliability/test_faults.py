"""Faults in the request path, simulated in the test process (SQLite and PostgreSQL): the request
dies right after a chosen write inside the checkout or webhook transaction, before the commit
(tests/reliability/faults.py); what a killed worker does on the real stack is in
test_worker_kill.py. Nothing half done may remain, and the client's or provider's retry of the
same request must then do the work exactly once. The carrier outbox's retries are at the end."""

from datetime import timedelta

import pytest
from django.utils import timezone

from policies.models import PolicyReceipt, PolicyVersionText
from shop.carts.models import CartLine
from shop.catalog.models import Product
from shop.checkout.models import CheckoutRequest
from shop.core.models import OutboxMessage
from shop.core.outbox import backoff, outbox_deliver, outbox_retry_due
from shop.orders.models import Order, OrderLine, OrderStatusChange
from shop.payments.models import Payment, PaymentEvent
from shop.privacy.models import Disclosure
from shop.shipping.carriers import FakeTransport
from shop.shipping.handoff import shipment_handoff_schedule
from tests.shop.checkout.conftest import cart_with, checkout, checkout_body, webhook
from tests.shop.conftest import import_samples, make_methods, make_order, make_product

from . import faults

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(make_policy):
    FakeTransport.sent.clear()
    FakeTransport.fail_next = 0
    make_methods()
    import_samples()
    make_policy("terms", "fi")
    yield make_product(stock=5)
    FakeTransport.sent.clear()
    FakeTransport.fail_next = 0


@pytest.fixture
def terms(shop):
    text = PolicyVersionText.objects.get(version__kind="terms", locale="fi")
    return {"kind": "terms", "version": 1, "locale": "fi", "sha256": text.sha256}


def assert_no_trace_of_an_order():
    assert not Order.objects.exists()
    assert not OrderLine.objects.exists()
    assert not OrderStatusChange.objects.exists()
    assert not PolicyReceipt.objects.exists()
    assert not Payment.objects.exists()
    assert not CheckoutRequest.objects.exists()  # the key is free for the retry
    assert Product.objects.get().stock_quantity == 5  # no stock held


@pytest.mark.parametrize(
    "after",
    [
        faults.ORDER_INSERT,
        faults.ORDER_LINES_INSERT,
        faults.RECEIPT_INSERT,
        faults.PAYMENT_INSERT,
        faults.CHECKOUT_REQUEST_DONE,
    ],
    ids=["order", "lines", "receipt", "payment", "last-write"],
)
def test_a_checkout_that_dies_before_its_commit_leaves_nothing_and_its_retry_orders_once(
    api_client, shop, terms, after
):
    token = cart_with(api_client, shop, 1)
    body = checkout_body(token, acks=[terms])  # a guest: the terms become a checkout receipt

    with faults.crash_after(after) as fired, pytest.raises(faults.WorkerCrashed):
        checkout(api_client, body, key="crash-1")
    assert fired, f"checkout never ran {after!r}"
    assert_no_trace_of_an_order()
    assert CartLine.objects.get().quantity == 1  # the cart is still there to retry with

    retried = checkout(api_client, body, key="crash-1")
    assert retried.status_code == 201, retried.json()
    number = retried.json()["order_number"]
    again = checkout(api_client, body, key="crash-1")
    assert (again.status_code, again.json()) == (201, retried.json())  # the same order, not a second

    order = Order.objects.get()
    assert (order.number, order.status) == (number, "awaiting_payment")
    assert list(OrderLine.objects.values_list("order__number", "quantity")) == [(number, 1)]
    assert PolicyReceipt.objects.count() == 1 and Payment.objects.count() == 1
    assert CheckoutRequest.objects.get().order == order
    assert Product.objects.get().stock_quantity == 4  # reduced once
    assert not CartLine.objects.exists()


@pytest.fixture
def placed(api_client, shop, terms):
    response = checkout(api_client, checkout_body(cart_with(api_client, shop, 1), acks=[terms]), key="placed")
    assert response.status_code == 201, response.json()
    return response.json()["order_number"], response.json()["payment"]["payment_id"]


@pytest.mark.parametrize(
    "after", [faults.ORDER_STATUS_UPDATE, faults.OUTBOX_INSERT], ids=["status-change", "hand-off-scheduled"]
)
def test_a_webhook_that_dies_before_its_commit_changes_nothing_and_the_providers_retry_pays_once(
    api_client, placed, after, django_capture_on_commit_callbacks
):
    number, payment_id = placed
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        faults.crash_after(after) as fired,
        pytest.raises(faults.WorkerCrashed),
    ):
        webhook(api_client, number, payment_id, event_id="evt_crash")
    assert fired and not callbacks  # nothing was scheduled to run after a commit
    order = Order.objects.get()
    assert (order.status, order.paid_at) == ("awaiting_payment", None)
    assert Payment.objects.get().status == "pending"
    assert not PaymentEvent.objects.exists()  # so the retry is not taken for a replay
    assert not OutboxMessage.objects.exists()
    assert not FakeTransport.sent and not Disclosure.objects.exists()
    assert Product.objects.get().stock_quantity == 4  # still reserved for the order

    with django_capture_on_commit_callbacks(execute=True):
        retried = webhook(api_client, number, payment_id, event_id="evt_crash")
    assert retried.status_code == 200
    assert retried.json() == {"received": True, "duplicate": False, "order_status": "paid"}
    with django_capture_on_commit_callbacks(execute=True):
        replay = webhook(api_client, number, payment_id, event_id="evt_crash")
    assert replay.json() == {"received": True, "duplicate": True, "order_status": "paid"}

    assert Order.objects.get().status == "paid" and Payment.objects.get().status == "paid"
    assert PaymentEvent.objects.count() == 1
    assert list(OrderStatusChange.objects.values_list("to_status", flat=True).order_by("pk")) == [
        "awaiting_payment",
        "paid",
    ]
    assert sorted(OutboxMessage.objects.values_list("key", "status")) == [
        (f"email:order-confirmation:{number}", "sent"),
        (f"shipment:{number}", "sent"),
    ]
    assert [sent["key"] for sent in FakeTransport.sent] == [f"shipment:{number}"]
    assert Disclosure.objects.get().order == Order.objects.get()


# --- the carrier outbox ---------------------------------------------------------------------------


def test_a_failing_carrier_is_retried_with_growing_back_off_and_gets_the_shipment_exactly_once(
    user, shop, settings, django_capture_on_commit_callbacks
):
    """The carrier fails three times, then accepts: four attempts, each retry due later than the
    one before (backoff()), one payload, one disclosure; running delivery again, the safety-net
    retry and scheduling the same hand-off again after success send nothing."""
    settings.OUTBOX_MAX_ATTEMPTS = 8
    settings.OUTBOX_BACKOFF_SECONDS = 30
    assert [backoff(n) for n in (1, 2, 3, 4)] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert backoff(30) == timedelta(days=1)  # capped

    order = make_order(user, shipping_kind="pickup_point", shipping_carrier="omniva", pickup_point_id="omniva:96331")
    FakeTransport.fail_next = 3
    attempted_at = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        shipment_handoff_schedule(order=order)  # first attempt right after the commit: fails
    message = OutboxMessage.objects.get()

    delays = []
    for attempt in (1, 2, 3):
        message.refresh_from_db()
        assert (message.status, message.attempts) == ("pending", attempt)
        assert message.last_error == "ConnectionError: carrier unreachable (fake)"
        assert not FakeTransport.sent and not Disclosure.objects.exists()
        delay = message.next_attempt_at - attempted_at  # the next try is due backoff(attempt) later
        delays.append(delay)
        assert backoff(attempt) <= delay < backoff(attempt) + timedelta(seconds=5)
        assert outbox_retry_due(now=message.next_attempt_at - timedelta(seconds=1)) == 0  # not before its time
        attempted_at = timezone.now()
        # The safety net finds it due and enqueues it (the tests' immediate backend runs it at once).
        assert outbox_retry_due(now=message.next_attempt_at) == 1
    assert delays == sorted(delays) and len(set(delays)) == 3  # growing

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 4, "")
    assert FakeTransport.sent == [
        {
            "carrier": "omniva",
            "key": f"shipment:{order.number}",
            "payload": {
                "reference": order.number,
                "carrier": "omniva",
                "recipient": {
                    "name": "Mari Maasikas",
                    "phone": "+37251234567",
                    "email": "shopper@example.com",
                    "pickup_point_id": "96331",
                },
            },
        }
    ]
    disclosure = Disclosure.objects.get()
    assert (disclosure.order, disclosure.recipient, disclosure.recipient_kind) == (order, "Omniva", "carrier")

    # After success: a duplicate task delivery, the safety net and a duplicate enqueue send nothing.
    assert outbox_deliver.call(message.pk) == "skipped"
    assert outbox_retry_due(now=timezone.now() + timedelta(days=2)) == 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        shipment_handoff_schedule(order=order)
    assert not callbacks
    assert OutboxMessage.objects.count() == 1 and len(FakeTransport.sent) == 1 and Disclosure.objects.count() == 1
