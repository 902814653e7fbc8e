"""Consent evidence. Each change of a shopper's marketing consent is a new, append-only row;
the current state is the newest row per channel."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.core.models import AppendOnlyModel


class Channel(models.TextChoices):
    EMAIL = "email", _("email")
    SMS = "sms", _("SMS")


class ConsentAction(models.TextChoices):
    GRANTED = "granted", _("granted")  # for email: pending until the double opt-in link is followed
    CONFIRMED = "confirmed", _("confirmed")  # email double opt-in completed
    WITHDRAWN = "withdrawn", _("withdrawn")


class ConsentSource(models.TextChoices):
    SIGNUP = "signup", _("signup form")
    PROFILE = "profile", _("profile")
    CONFIRMATION_LINK = "confirmation_link", _("confirmation link")
    UNSUBSCRIBE_LINK = "unsubscribe_link", _("unsubscribe link")
    SUPPORT = "support", _("customer support")
    ERASURE = "erasure", _("account erasure")


class MarketingConsent(AppendOnlyModel):
    """One change of one channel's marketing consent: what, when, how and against which wording."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="marketing_consents"
    )
    subject_ref = models.CharField(max_length=64, db_index=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    action = models.CharField(max_length=12, choices=ConsentAction.choices)
    source = models.CharField(max_length=20, choices=ConsentSource.choices)
    wording = models.TextField(blank=True)
    locale = models.CharField(max_length=8)
    ip = models.GenericIPAddressField(null=True, blank=True, help_text=_("Truncated (see IP_V4_PREFIX)."))
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "channel", "-created_at"], name="privacy_consent_user_ch_idx")]

    def __str__(self) -> str:
        return f"{self.channel} {self.action} ({self.source}) {self.created_at:%Y-%m-%d}"
