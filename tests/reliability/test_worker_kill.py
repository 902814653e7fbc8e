"""A worker killed (SIGKILL) in the middle of checkout and of the payment webhook, on the real stack:
gunicorn with the production settings on PostgreSQL, plus a test-only fault-injection middleware
(tests/reliability/settings_faults.py) that makes the worker stop right after a chosen write,
inside the open transaction. The test kills it there; gunicorn starts a new worker, and the
client's (or provider's) retry of the very same request must then do the work exactly once."""

import json
import os
import signal
import threading
import time

import pytest
from django.db import connection

from policies.models import PolicyReceipt, PolicyVersionText
from shop.accounts.models import AuthToken
from shop.carts.models import CartLine
from shop.catalog.models import Product
from shop.checkout.models import CheckoutRequest
from shop.core.models import OutboxMessage
from shop.core.outbox import outbox_deliver
from shop.orders.models import Order, OrderLine, OrderStatusChange
from shop.payments.models import Payment, PaymentEvent
from shop.payments.providers import sign
from shop.privacy.models import Disclosure
from shop.shipping.carriers import FakeTransport
from tests.shop.checkout.conftest import checkout_body
from tests.shop.conftest import import_samples, make_methods, make_product

from . import faults
from .servers import AppServer, Client, server_env
from .test_multiprocess import database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WEBHOOK_SECRET = "multiprocess-test-webhook-secret"  # servers.server_env


@pytest.fixture(scope="module")
def _server(django_db_setup, tmp_path_factory):
    fault_dir = tmp_path_factory.mktemp("faults")
    env = server_env(
        database_url(),
        FAULT_DIR=str(fault_dir),
        REDIS_URL=os.environ.get("REDIS_URL", ""),
        CACHE_KEY_PREFIX=f"kill-{os.getpid()}",
    )
    env["DJANGO_SETTINGS_MODULE"] = "tests.reliability.settings_faults"
    server = AppServer.start(env)
    try:
        yield server, fault_dir
    finally:
        server.stop()


@pytest.fixture
def server(_server, restore_migrated_data, make_policy):
    FakeTransport.sent.clear()
    make_methods()
    import_samples()
    make_policy("terms", "fi")
    yield _server
    FakeTransport.sent.clear()
    for name in ("arm", "hung"):
        (_server[1] / name).unlink(missing_ok=True)


@pytest.fixture
def shopper(server, user):
    _token, raw = AuthToken.issue(user)
    return Client(server[0], bearer=raw)


def kill_inside_the_transaction(server, fault_dir, pattern, send) -> None:
    """Arm the fault, send the request in a thread, wait until its worker hangs right after the
    statement ``pattern`` (in an open transaction), SIGKILL that worker, and check that the
    request died with it."""
    (fault_dir / "arm").write_text(pattern)
    outcome: dict = {}

    def request():
        try:
            outcome["answer"] = send()
        except OSError as exc:  # the connection dies with the worker
            outcome["error"] = exc

    thread = threading.Thread(target=request)
    thread.start()
    hung_file = fault_dir / "hung"
    deadline = time.monotonic() + 60
    while not hung_file.exists():
        assert time.monotonic() < deadline, "the worker never reached the fault point"
        assert thread.is_alive(), f"the request ended before the fault point: {outcome}"
        time.sleep(0.05)
    hung = json.loads(hung_file.read_text())
    assert hung["in_atomic_block"] is True, hung  # the write is not committed yet
    assert hung["pid"] != server.process.pid  # a worker, not the gunicorn master
    with connection.cursor() as cursor:  # PostgreSQL sees that worker's transaction open
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'"
        )
        assert cursor.fetchone()[0] >= 1
    os.kill(hung["pid"], signal.SIGKILL)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert "error" in outcome, f"the killed request was answered: {outcome}"
    assert server.process.poll() is None  # the master lives on and starts a new worker


@pytest.mark.parametrize("after", [faults.ORDER_INSERT, faults.CHECKOUT_REQUEST_DONE], ids=["order", "last-write"])
def test_a_worker_killed_inside_the_checkout_transaction_leaves_no_order_and_the_retry_orders_once(
    server, shopper, after
):
    app, fault_dir = server
    product = make_product(stock=5)
    token = shopper.post("/api/v1/carts/").json()["token"]
    added = shopper.post(f"/api/v1/carts/{token}/lines/", json_body={"product_id": product.pk, "quantity": 2})
    assert added.status == 201, added.body
    text = PolicyVersionText.objects.get(version__kind="terms", locale="fi")
    body = checkout_body(
        token, total="53.79", acks=[{"kind": "terms", "version": 1, "locale": "fi", "sha256": text.sha256}]
    )

    def place():
        return shopper.post("/api/v1/checkout/", json_body=body, headers={"Idempotency-Key": "kill-1"})

    kill_inside_the_transaction(app, fault_dir, after, place)

    assert not Order.objects.exists() and not OrderLine.objects.exists()
    assert not OrderStatusChange.objects.exists() and not Payment.objects.exists()
    assert not PolicyReceipt.objects.exists() and not CheckoutRequest.objects.exists()
    assert Product.objects.get().stock_quantity == 5  # nothing held by the dead transaction
    assert CartLine.objects.get().quantity == 2

    retried = place()  # answered by the worker gunicorn started in place of the killed one
    assert retried.status == 201, retried.body
    number = retried.json()["order_number"]
    again = place()
    assert (again.status, again.json()["order_number"]) == (201, number)
    assert Order.objects.get().number == number
    assert list(OrderLine.objects.values_list("quantity", flat=True)) == [2]
    assert PolicyReceipt.objects.count() == 1 and Payment.objects.count() == 1
    assert Product.objects.get().stock_quantity == 3  # reduced once
    assert not CartLine.objects.exists()


def test_a_worker_killed_inside_the_webhook_transaction_leaves_the_order_unpaid_and_the_retry_pays_once(
    server, shopper
):
    app, fault_dir = server
    product = make_product(stock=5)
    token = shopper.post("/api/v1/carts/").json()["token"]
    shopper.post(f"/api/v1/carts/{token}/lines/", json_body={"product_id": product.pk, "quantity": 1})
    placed = shopper.post("/api/v1/checkout/", json_body=checkout_body(token), headers={"Idempotency-Key": "kill-2"})
    assert placed.status == 201, placed.body
    number, payment_id = placed.json()["order_number"], placed.json()["payment"]["payment_id"]
    raw = json.dumps(
        {
            "event_id": "evt_kill",
            "payment_id": payment_id,
            "order_number": number,
            "status": "paid",
            "amount": "28.89",
            "currency": "EUR",
        }
    ).encode()
    provider = Client(app)

    def notify():
        # The provider sends the same signed body again when it got no answer.
        return provider.request(
            "POST",
            "/api/v1/payments/test-bank/webhook/",
            body=raw,
            headers={"Content-Type": "application/json", "X-Xmi-Signature": sign(secret=WEBHOOK_SECRET, body=raw)},
        )

    # The status change is written; the worker dies while scheduling the carrier hand-off.
    kill_inside_the_transaction(app, fault_dir, faults.OUTBOX_INSERT, notify)

    order = Order.objects.get()
    assert (order.status, order.paid_at) == ("awaiting_payment", None)
    assert list(OrderStatusChange.objects.values_list("to_status", flat=True)) == ["awaiting_payment"]
    assert Payment.objects.get().status == "pending" and not PaymentEvent.objects.exists()
    assert not OutboxMessage.objects.exists() and not Disclosure.objects.exists()

    retried = notify()
    assert (retried.status, retried.json()) == (200, {"received": True, "duplicate": False, "order_status": "paid"})
    replay = notify()
    assert replay.json() == {"received": True, "duplicate": True, "order_status": "paid"}
    assert Order.objects.get().status == "paid" and PaymentEvent.objects.count() == 1
    assert list(OrderStatusChange.objects.values_list("to_status", flat=True).order_by("pk")) == [
        "awaiting_payment",
        "paid",
    ]
    # One hand-off and one confirmation email queued; delivering them (here, with the tests'
    # fake carrier) sends the shipment once and records one disclosure.
    messages = dict(OutboxMessage.objects.values_list("key", "pk"))
    assert set(messages) == {f"shipment:{number}", f"email:order-confirmation:{number}"}
    assert outbox_deliver.call(messages[f"shipment:{number}"]) == "sent"
    assert outbox_deliver.call(messages[f"shipment:{number}"]) == "skipped"
    assert [sent["key"] for sent in FakeTransport.sent] == [f"shipment:{number}"]
    assert Disclosure.objects.get().order == Order.objects.get()
