"""The order confirmation email: in the shopper's language, with the VAT breakdown per rate (an
Estonian or Finnish invoice must show it) and the link to the order. Sent by the outbox once
the payment is confirmed, after the transaction commits, never twice."""

from shop.core.mail import build_email
from shop.orders.models import Order
from shop.orders.selectors import order_totals
from shop.orders.services import order_lookup_url


def order_confirmation_send(*, key: str, order_id: int) -> None:
    order = Order.objects.prefetch_related("lines").get(pk=order_id)
    if not order.email:  # scrubbed by an erasure before the task ran
        return
    message = build_email(
        "checkout/email/order_confirmation",
        to=order.email,
        locale=order.locale,
        context={
            "order": order,
            "lines": list(order.lines.all()),
            "totals": order_totals(order),
            "link": order_lookup_url(order=order),
        },
        headers={"X-Xmi-Message-Key": key},
    )
    message.send(fail_silently=False)
