"""Order status changes through services: allowed moves, history, stock released on cancel and
expiry, refunds against the refund IBAN, and the staff admin page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from shop.catalog.models import Product
from shop.catalog.stock import stock_reserve
from shop.orders.errors import OrderStatusInvalid
from shop.orders.models import Order, OrderLine, OrderStatusChange
from shop.orders.services import order_set_status, orders_expire_unpaid, refund_record
from tests.conftest import prefer_english_admin
from tests.shop.conftest import make_order, make_product

pytestmark = pytest.mark.django_db


_skus = iter(range(1000))


def _reserved_order(user=None, *, quantity=2, **fields):
    product = make_product(f"SKU-R{next(_skus)}", stock=5)
    stock_reserve(quantities={product.pk: quantity})
    order = make_order(user, status="awaiting_payment", **fields)
    OrderLine.objects.filter(order=order).update(product_id=product.pk, quantity=quantity)
    return order, product


def test_expiry_releases_stock_once_and_logs_it(settings):
    order, product = _reserved_order(expires_at=timezone.now() - timedelta(minutes=1))
    fresh, _ = _reserved_order(expires_at=timezone.now() + timedelta(minutes=5))
    assert Product.objects.get(pk=product.pk).stock_quantity == 3
    call_command("expire_orders")
    order.refresh_from_db()
    assert order.status == "expired" and Order.objects.get(pk=fresh.pk).status == "awaiting_payment"
    assert Product.objects.get(pk=product.pk).stock_quantity == 5
    assert orders_expire_unpaid() == 0  # a second run changes nothing
    assert Product.objects.get(pk=product.pk).stock_quantity == 5
    assert list(OrderStatusChange.objects.filter(order=order).values_list("from_status", "to_status", "source")) == [
        ("awaiting_payment", "expired", "expiry")
    ]


def test_only_allowed_moves(user):
    order, product = _reserved_order(user)
    with pytest.raises(OrderStatusInvalid):
        order_set_status(order=order, status="fulfilled", source="staff")
    order_set_status(order=order, status="paid", source="payment")
    order_set_status(order=order, status="fulfilled", source="staff", by=user, note="Sent with Omniva")
    for status in ("paid", "cancelled", "awaiting_payment"):
        with pytest.raises(OrderStatusInvalid):
            order_set_status(order=order, status=status, source="staff")
    assert Product.objects.get(pk=product.pk).stock_quantity == 3  # sold, not released


def test_refund_is_recorded_with_the_iban_at_the_time(user):
    from shop.accounts.services.profile import profile_update

    profile_update(user=user, data={"refund_iban": "EE382200221020145685"})
    user.refresh_from_db()
    order = make_order(user)
    refund = refund_record(order=order, amount=Decimal("24.90"), reason="damaged")
    assert refund.iban_encrypted == user.refund_iban_encrypted and refund.iban_masked == user.refund_iban_masked
    assert "EE38" not in refund.iban_encrypted


def test_staff_change_status_through_the_admin_with_history(client, admin_user, user):
    order, product = _reserved_order(user)
    order_set_status(order=order, status="paid", source="payment")
    client.force_login(prefer_english_admin(admin_user))
    url = f"/admin/orders/manage/{order.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and b"Status history" in page.content
    response = client.post(url, {"status": "cancelled", "note": "Customer asked"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "cancelled" and Product.objects.get(pk=product.pk).stock_quantity == 5
    last = OrderStatusChange.objects.filter(order=order).last()
    assert (last.to_status, last.source, last.by, last.note) == ("cancelled", "staff", admin_user, "Customer asked")
    response = client.post(url, {"amount": "24.90", "reason": "cancelled after payment"})
    assert response.status_code == 302 and order.refunds.get().amount == Decimal("24.90")
    assert client.get("/admin/orders/").status_code == 200


def test_staff_without_permission_cannot_manage_orders(client, user, django_user_model):
    staff = django_user_model.objects.create_user(email="staff@example.ee", password="x" * 12, is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    order = make_order(user)
    assert client.post(f"/admin/orders/manage/{order.pk}/", {"status": "fulfilled"}).status_code in (302, 403)
    assert Order.objects.get(pk=order.pk).status == "paid"
