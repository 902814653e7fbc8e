"""Orders, written by the checkout (``shop.checkout``) and moved through their statuses by
``shop.orders.services`` only, each change logged in ``OrderStatusChange``.

An order keeps what was sold as it was sold: unit prices, VAT rates, shipping and the policy
versions in force are copied, never looked up again. For privacy rights it keeps a pseudonymous
reference, contact and delivery fields that erasure can scrub, and the dates that decide how long
the order must be kept (Estonian Accounting Act: 7 years from the end of the financial year)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class OrderStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("awaiting payment")
    PAID = "paid", _("paid")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("expired")
    FULFILLED = "fulfilled", _("fulfilled")


#: Which status may follow which. Cancel and expiry give the reserved stock back.
TRANSITIONS: dict[str, set[str]] = {
    OrderStatus.AWAITING_PAYMENT: {OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.EXPIRED},
    OrderStatus.PAID: {OrderStatus.FULFILLED, OrderStatus.CANCELLED},
    OrderStatus.CANCELLED: set(),
    OrderStatus.EXPIRED: set(),
    OrderStatus.FULFILLED: set(),
}


class Order(models.Model):
    """One placed order. ``user`` is cut on erasure; ``subject_ref`` keeps the order linkable to
    the person for disputes without naming them."""

    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    #: Fields holding contact or delivery data: blanked on erasure and at the end of retention.
    CONTACT_FIELDS = (
        "contact_first_name",
        "contact_last_name",
        "email",
        "phone",
        "address_line1",
        "address_line2",
        "address_postcode",
        "address_city",
    )

    number = models.CharField(_("order number"), max_length=20, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    subject_ref = models.CharField(max_length=64, blank=True, db_index=True)
    contact_first_name = models.CharField(max_length=150, blank=True)
    contact_last_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = PhoneNumberField(blank=True)
    address_line1 = models.CharField(max_length=200, blank=True)
    address_line2 = models.CharField(max_length=200, blank=True)
    address_postcode = models.CharField(max_length=10, blank=True)
    address_city = models.CharField(max_length=100, blank=True)
    address_country = models.CharField(max_length=2, blank=True)  # kept: VAT depends on it
    pickup_point_id = models.CharField(max_length=64, blank=True)
    pickup_point_label = models.CharField(max_length=300, blank=True)
    shipping_method_code = models.CharField(max_length=64)
    shipping_carrier = models.CharField(max_length=16, blank=True)
    shipping_kind = models.CharField(max_length=16, blank=True)
    shipping_net = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    shipping_gross = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    shipping_vat_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0.00"))
    locale = models.CharField(max_length=8, default="fi")
    # {kind: version} of the policies in force when the order was placed.
    policy_versions = models.JSONField(default=dict, blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    total_net = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    total_vat = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    total_gross = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    status = models.CharField(max_length=16, choices=OrderStatus.choices, default=OrderStatus.AWAITING_PAYMENT)
    # An unpaid order gives its stock back after this moment (``manage.py expire_orders``).
    expires_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    refund_pending = models.BooleanField(default=False)
    # Copied from the account when it is erased while a refund is pending; wiped by purge_expired
    # once the refund is paid (refund_pending cleared). Fernet-encrypted like the account's.
    refund_iban_encrypted = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    contact_scrubbed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="orders_order_user_idx"),
            models.Index(fields=["status", "expires_at"], name="orders_order_expiry_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(total_gross__gte=0), name="orders_order_total_gte_0"),
        ]

    def __str__(self) -> str:
        return self.number


class OrderLine(models.Model):
    """A product line as it was sold: title and prices are copied, not looked up later."""

    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product_id = models.BigIntegerField(null=True, blank=True)
    sku = models.CharField(max_length=64)
    title = models.CharField(max_length=255)
    quantity = models.PositiveIntegerField()
    unit_price_net = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    unit_price_gross = models.DecimalField(max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(max_digits=5, decimal_places=2)
    total_gross = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gte=1), name="orders_line_quantity_gte_1")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.sku}"


class OrderStatusChange(models.Model):
    """The history of an order: every status change, by whom (staff, the payment provider, the
    expiry job) and why. Written by ``shop.orders.services`` only; never edited."""

    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, choices=OrderStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=32)  # checkout, payment, expiry, staff
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status or '-'} -> {self.to_status}"


class Refund(models.Model):
    """Money paid back for an order, to the customer's refund IBAN (copied encrypted at the time,
    so a later profile change or erasure does not change where this refund went)."""

    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    iban_encrypted = models.TextField(blank=True, editable=False)
    iban_masked = models.CharField(max_length=40, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "created_at", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="orders_refund_amount_gt_0")]

    def __str__(self) -> str:
        return f"refund {self.amount} for {self.order_id}"
