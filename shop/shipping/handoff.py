"""Handing a paid order to its carrier: through the outbox (exactly once, after commit, retried)
and with a disclosure record written in the same transaction as the delivery's "sent" mark."""

from shop.core.outbox import outbox_add
from shop.orders.models import Order
from shop.privacy.models import RecipientKind
from shop.privacy.services import disclosure_record

from .carriers import shipment_payload, transport
from .models import Carrier

PURPOSE = "delivery of the order"


def shipment_handoff_schedule(*, order: Order) -> None:
    """Call inside the transaction that marks ``order`` paid."""
    outbox_add(
        key=f"shipment:{order.number}", handler="shop.shipping.handoff.shipment_handoff", payload={"order_id": order.pk}
    )


def shipment_handoff(*, key: str, order_id: int) -> None:
    """The outbox handler: build the minimised payload, send it, log the disclosure."""
    order = Order.objects.get(pk=order_id)
    payload, fields = shipment_payload(order)
    transport().send(carrier=order.shipping_carrier, payload=payload, idempotency_key=key)
    disclosure_record(
        order=order,
        recipient=Carrier(order.shipping_carrier).label,
        recipient_kind=RecipientKind.CARRIER,
        fields=fields,
        purpose=PURPOSE,
    )
