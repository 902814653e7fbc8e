"""Carrier hand-offs with data minimisation.

The privacy policy promises that the carrier the customer chose gets their name, phone and email,
and the street address only when a courier delivers. ``ALLOWED_FIELDS`` is that promise as code:
the payload is built from the allowlist of the order's method kind and nothing else, and the same
list is what the disclosure record says was sent.

Transports do the talking. ``LogTransport`` (the default until a carrier contract exists) only
logs that a shipment was handed over, without the personal data; ``FakeTransport`` records
payloads for tests. A real carrier API plugs in as another transport (``CARRIER_TRANSPORT``),
called with the outbox key as its idempotency key.
"""

import logging
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.utils.module_loading import import_string

from .models import MethodKind

if TYPE_CHECKING:
    from shop.orders.models import Order

logger = logging.getLogger(__name__)

#: Personal data each kind of delivery may send to the carrier, in payload order.
ALLOWED_FIELDS: dict[str, tuple[str, ...]] = {
    MethodKind.PICKUP_POINT: ("name", "phone", "email", "pickup_point_id"),
    MethodKind.COURIER: ("name", "phone", "email", "address"),
}


def _candidates(order: "Order") -> dict[str, Any]:
    """Everything a carrier could be given; the allowlist picks from it."""
    return {
        "name": f"{order.contact_first_name} {order.contact_last_name}".strip(),
        "phone": str(order.phone or ""),
        "email": order.email,
        "pickup_point_id": order.pickup_point_id.partition(":")[2],
        "address": {
            "line1": order.address_line1,
            "line2": order.address_line2,
            "postcode": order.address_postcode,
            "city": order.address_city,
            "country": order.address_country,
        },
    }


def shipment_payload(order: "Order") -> tuple[dict[str, Any], list[str]]:
    """``(payload, personal fields sent)`` for ``order``'s carrier: the order reference plus the
    allowlisted fields of its delivery kind."""
    allowed = ALLOWED_FIELDS[order.shipping_kind]
    candidates = _candidates(order)
    recipient = {name: candidates[name] for name in allowed}
    return {"reference": order.number, "carrier": order.shipping_carrier, "recipient": recipient}, list(allowed)


class Transport:
    def send(self, *, carrier: str, payload: dict[str, Any], idempotency_key: str) -> str:
        """Hand the shipment over; returns the carrier's shipment reference."""
        raise NotImplementedError


class LogTransport(Transport):
    def send(self, *, carrier: str, payload: dict[str, Any], idempotency_key: str) -> str:
        logger.info(
            "Shipment %s handed to %s (fields: %s)", payload["reference"], carrier, ", ".join(payload["recipient"])
        )
        return f"log:{idempotency_key}"


class FakeTransport(Transport):
    """Records what would have gone to the carrier (tests). ``fail_next`` makes sends raise."""

    sent: ClassVar[list[dict[str, Any]]] = []
    fail_next: ClassVar[int] = 0

    def send(self, *, carrier: str, payload: dict[str, Any], idempotency_key: str) -> str:
        if FakeTransport.fail_next:
            FakeTransport.fail_next -= 1
            raise ConnectionError("carrier unreachable (fake)")
        FakeTransport.sent.append({"carrier": carrier, "payload": payload, "key": idempotency_key})
        return f"fake:{len(FakeTransport.sent)}"


def transport() -> Transport:
    return import_string(settings.CARRIER_TRANSPORT)()
