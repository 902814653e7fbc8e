"""Support requests: anyone may write to customer service, with or without an account.

Requests about personal data (access, correction, erasure) must be answered within one month
(GDPR Art. 12(3)), so each request carries its due date and the admin highlights overdue ones.
"""

import calendar
import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def reference_make() -> str:
    return "SR-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def one_month_after(moment: datetime) -> datetime:
    """Same day next month; the month's last day when it has no such day (31 Jan -> 28/29 Feb)."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


class Topic(models.TextChoices):
    GENERAL = "general", _("general question")
    ORDER = "order", _("an order")
    DATA_ACCESS = "data_access", _("access to my data")
    DATA_CORRECTION = "data_correction", _("correcting my data")
    DATA_ERASURE = "data_erasure", _("erasing my data")


class SupportStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class SupportRequest(models.Model):
    """One message to customer service and how it was handled."""

    reference = models.CharField(_("reference"), max_length=16, unique=True, default=reference_make, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="support_requests"
    )
    subject_ref = models.CharField(max_length=64, blank=True, db_index=True)
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("message"), max_length=5000)
    order_number = models.CharField(_("order number"), max_length=20, blank=True)
    locale = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=8, choices=SupportStatus.choices, default=SupportStatus.OPEN)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    due_at = models.DateTimeField(_("answer due"), editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    resolution = models.TextField(_("resolution note"), blank=True)

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["status", "due_at"], name="support_status_due_idx")]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_topic_display()})"

    def save(self, *args, **kwargs) -> None:
        if self.due_at is None:
            self.due_at = one_month_after(self.created_at)
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.status == SupportStatus.OPEN and self.due_at < timezone.now()
