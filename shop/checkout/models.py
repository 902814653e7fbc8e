"""Idempotency of checkout: one row per ``Idempotency-Key``, written in the same transaction as
the order, so a retried or doubled submission finds the order instead of placing a second one."""

from django.db import models
from django.utils import timezone


class CheckoutRequest(models.Model):
    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    key = models.CharField(max_length=255, unique=True)
    # SHA-256 of the canonical JSON body: the same key with another body is refused.
    request_hash = models.CharField(max_length=64)
    order = models.OneToOneField("orders.Order", null=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.key
