"""Carrier hand-offs: exactly the allowlisted fields per method, one disclosure per hand-off,
sent once after commit, retried with back-off when the carrier fails."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shop.core.models import OutboxMessage
from shop.core.outbox import outbox_deliver, outbox_retry_due
from shop.privacy.models import Disclosure
from shop.shipping.carriers import ALLOWED_FIELDS, FakeTransport
from shop.shipping.handoff import shipment_handoff_schedule
from tests.shop.conftest import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fake():
    FakeTransport.sent.clear()
    FakeTransport.fail_next = 0


def _order(user, kind):
    fields = {"shipping_kind": kind, "shipping_carrier": "omniva" if kind == "pickup_point" else "dpd"}
    if kind == "pickup_point":
        fields |= {"pickup_point_id": "omniva:96331"}
    return make_order(user, **fields)


def test_allowlists_are_the_policy_promise():
    assert ALLOWED_FIELDS == {
        "pickup_point": ("name", "phone", "email", "pickup_point_id"),
        "courier": ("name", "phone", "email", "address"),
    }


@pytest.mark.parametrize(
    ("kind", "recipient", "recipient_name"),
    [
        (
            "pickup_point",
            {
                "name": "Mari Maasikas",
                "phone": "+37251234567",
                "email": "shopper@example.com",
                "pickup_point_id": "96331",
            },
            "Omniva",
        ),
        (
            "courier",
            {
                "name": "Mari Maasikas",
                "phone": "+37251234567",
                "email": "shopper@example.com",
                "address": {"line1": "Pikk 1", "line2": "", "postcode": "10123", "city": "Tallinn", "country": "EE"},
            },
            "DPD",
        ),
    ],
)
def test_payload_has_exactly_the_allowed_fields(
    user, kind, recipient, recipient_name, django_capture_on_commit_callbacks
):
    order = _order(user, kind)
    with django_capture_on_commit_callbacks(execute=True):
        shipment_handoff_schedule(order=order)
    (sent,) = FakeTransport.sent
    assert sent["payload"] == {"reference": order.number, "carrier": order.shipping_carrier, "recipient": recipient}
    assert set(sent["payload"]["recipient"]) == set(ALLOWED_FIELDS[kind])
    disclosure = Disclosure.objects.get()
    assert (disclosure.recipient, disclosure.recipient_kind, disclosure.fields, disclosure.order) == (
        recipient_name,
        "carrier",
        list(ALLOWED_FIELDS[kind]),
        order,
    )
    if kind == "pickup_point":
        assert "Pikk" not in str(sent)  # the street address never goes to a locker


def test_scheduling_twice_sends_once(user, django_capture_on_commit_callbacks):
    order = _order(user, "pickup_point")
    with django_capture_on_commit_callbacks(execute=True):
        shipment_handoff_schedule(order=order)
        shipment_handoff_schedule(order=order)
    message = OutboxMessage.objects.get()
    assert outbox_deliver.call(message.pk) == "skipped"  # a duplicate delivery of the task
    assert len(FakeTransport.sent) == 1 and Disclosure.objects.count() == 1
    assert (message.status, message.attempts) == ("sent", 1)


def test_nothing_is_sent_before_the_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        shipment_handoff_schedule(order=_order(user, "courier"))
    assert len(callbacks) == 1 and not FakeTransport.sent and not Disclosure.objects.exists()


def test_failures_are_retried_with_back_off_then_kept_as_failed(user, settings, django_capture_on_commit_callbacks):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.OUTBOX_BACKOFF_SECONDS = 30
    FakeTransport.fail_next = 1
    with django_capture_on_commit_callbacks(execute=True):
        shipment_handoff_schedule(order=_order(user, "pickup_point"))
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == ("pending", 1)
    assert "carrier unreachable" in message.last_error
    assert timedelta(seconds=25) < message.next_attempt_at - timezone.now() <= timedelta(seconds=30)
    assert not Disclosure.objects.exists()  # nothing recorded for a hand-off that did not happen
    assert outbox_retry_due() == 0  # not due yet
    assert outbox_retry_due(now=timezone.now() + timedelta(seconds=31)) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 2) and Disclosure.objects.count() == 1

    FakeTransport.fail_next = 5
    with django_capture_on_commit_callbacks(execute=True):
        shipment_handoff_schedule(order=_order(user, "courier"))
    failing = OutboxMessage.objects.exclude(pk=message.pk).get()
    for _ in range(2):
        outbox_deliver.call(failing.pk)
    failing.refresh_from_db()
    assert (failing.status, failing.attempts) == ("failed", 3)
    assert Disclosure.objects.count() == 1
