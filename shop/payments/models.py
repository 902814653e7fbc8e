"""Payments: one per order attempt at a provider, and every webhook event received (the event id
is unique, so a replayed webhook is recognised and changes nothing). No card data anywhere: the
shopper pays on the provider's page."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    PAID = "paid", _("paid")
    CANCELLED = "cancelled", _("cancelled")


class Payment(models.Model):
    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(max_length=32)
    payment_id = models.CharField(max_length=64, unique=True)  # ours, sent to the provider
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    status = models.CharField(max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.provider} {self.payment_id} ({self.status})"


class PaymentEvent(models.Model):
    """A verified webhook call, kept as received (raw body) for disputes and reconciliation."""

    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    provider = models.CharField(max_length=32)
    event_id = models.CharField(max_length=100)
    payment = models.ForeignKey(Payment, null=True, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(max_length=16)
    body = models.TextField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="payments_event_unique")]

    def __str__(self) -> str:
        return f"{self.provider} event {self.event_id}"
