"""Orders in the data export, on erasure and in the retention purge (see shop.core.privacy_registry)."""

from typing import TYPE_CHECKING

from shop.core.formats import iso_datetime
from shop.core.privacy_registry import register_purge_step, register_section

from .selectors import orders_for_user
from .services import orders_anonymise_expired, orders_detach_user, orders_wipe_paid_refund_ibans

if TYPE_CHECKING:
    from shop.accounts.models import User


def order_as_dict(order) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "created_at": iso_datetime(order.created_at),
        "contact": {
            "first_name": order.contact_first_name,
            "last_name": order.contact_last_name,
            "email": order.email,
            "phone": str(order.phone or ""),
        },
        "shipping": {
            "method": order.shipping_method_code,
            "pickup_point_id": order.pickup_point_id,
            "address": {
                "line1": order.address_line1,
                "line2": order.address_line2,
                "postcode": order.address_postcode,
                "city": order.address_city,
                "country": order.address_country,
            },
        },
        "totals": {
            "net": str(order.total_net),
            "vat": str(order.total_vat),
            "gross": str(order.total_gross),
            "currency": order.currency,
        },
        "refund_pending": order.refund_pending,
        "lines": [
            {
                "sku": line.sku,
                "title": line.title,
                "quantity": line.quantity,
                "unit_price_gross": str(line.unit_price_gross),
                "vat_rate": str(line.vat_rate),
                "total_gross": str(line.total_gross),
            }
            for line in order.lines.all()
        ],
    }


def orders_export(*, user: "User") -> list[dict]:
    return [order_as_dict(order) for order in orders_for_user(user=user)]


def orders_erase(*, user: "User") -> dict[str, int]:
    """Orders stay for the accounting retention period, detached and scrubbed; the erasure record
    says how many."""
    return {"orders_retained": orders_detach_user(user=user)}


register_section("orders", export=orders_export, erase=orders_erase)
register_purge_step("orders_past_retention", orders_anonymise_expired)
register_purge_step("order_refund_ibans", orders_wipe_paid_refund_ibans)
