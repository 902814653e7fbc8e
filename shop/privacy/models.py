"""Consent evidence. Each change of a shopper's marketing consent is a new, append-only row;
the current state is the newest row per channel."""

from enum import StrEnum

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


class ConsentStatus(StrEnum):
    """What a channel's newest consent row means. The one rule for it: the API's ``status``, who
    may be sent marketing and whether a new grant is needed all read ``consent_status``."""

    NONE = "none"  # never asked
    PENDING = "pending"  # email granted, double opt-in link not followed yet
    GRANTED = "granted"  # usable: SMS granted, email confirmed
    WITHDRAWN = "withdrawn"


def consent_status(latest: MarketingConsent | None) -> ConsentStatus:
    """The status of a channel whose newest consent row is ``latest`` (``None``: no row)."""
    if latest is None:
        return ConsentStatus.NONE
    if latest.action == ConsentAction.WITHDRAWN:
        return ConsentStatus.WITHDRAWN
    if latest.channel == Channel.EMAIL and latest.action == ConsentAction.GRANTED:
        return ConsentStatus.PENDING
    return ConsentStatus.GRANTED


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBE_LINK = "unsubscribe_link", _("unsubscribe link")
    PROFILE = "profile", _("withdrawn in the profile")
    SUPPORT = "support", _("customer support")
    ERASURE = "erasure", _("account erasure")


class SuppressionEntry(AppendOnlyModel):
    """An address that asked for no more marketing email, kept as a keyed hash only.

    It outlives the account: an erased shopper's address stays unsubscribed even if it turns up
    again (a re-registration, an imported list). A later double opt-in by the address's owner
    (a ``confirmed`` consent newer than the entry) is what lifts it; nothing is ever deleted.
    """

    append_only_detachable = ()

    email_hash = models.CharField(max_length=64, db_index=True)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    reason = models.CharField(max_length=20, choices=SuppressionReason.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("suppression list entry")
        verbose_name_plural = _("suppression list")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.channel} suppressed ({self.reason}) {self.created_at:%Y-%m-%d}"


class RecipientKind(models.TextChoices):
    CARRIER = "carrier", _("carrier")
    PROCESSOR = "processor", _("processor")


class Disclosure(AppendOnlyModel):
    """One transfer of a person's data to someone outside the shop: to whom, which fields, when.

    Written by whoever hands data over (the carrier integration, the payment provider); shown to
    the person at ``/api/v1/me/disclosures/`` and in their export.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="disclosures"
    )
    subject_ref = models.CharField(max_length=64, db_index=True)
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures"
    )
    recipient = models.CharField(_("recipient"), max_length=100)
    recipient_kind = models.CharField(max_length=12, choices=RecipientKind.choices)
    purpose = models.CharField(max_length=200, blank=True)
    fields = models.JSONField(_("fields disclosed"), default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="privacy_disclosure_user_idx")]

    def __str__(self) -> str:
        return f"{', '.join(self.fields)} to {self.recipient} {self.created_at:%Y-%m-%d}"


class CookieConsent(models.Model):
    """One cookie choice made in a browser, with the cookie-policy version it was made against.

    A new choice is a new row with the same ``consent_id``. Rows are never edited; unlike the
    append-only evidence they are deleted after ``COOKIE_CONSENT_RETENTION_DAYS`` by
    ``purge_expired``, so this table has no trigger.
    """

    consent_id = models.UUIDField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="cookie_consents"
    )
    necessary = models.BooleanField(default=True, editable=False)
    preferences = models.BooleanField(default=False)
    statistics = models.BooleanField(default=False)
    marketing = models.BooleanField(default=False)
    policy_version = models.PositiveIntegerField()
    locale = models.CharField(max_length=8)
    ip = models.GenericIPAddressField(null=True, blank=True, help_text=_("Truncated (see IP_V4_PREFIX)."))
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="privacy_cookie_user_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(necessary=True), name="privacy_cookie_necessary_on")]

    def __str__(self) -> str:
        return f"cookie consent {self.consent_id} {self.created_at:%Y-%m-%d}"


class ErasureSource(models.TextChoices):
    SELF_SERVICE = "self_service", _("self-service")
    STAFF = "staff", _("staff, on a request by email or phone")


class ErasureRecord(AppendOnlyModel):
    """Proof that an account was erased: when, how, by whom, and what was removed (counts only)."""

    append_only_detachable = ("performed_by",)

    subject_ref = models.CharField(max_length=64, db_index=True)
    source = models.CharField(max_length=16, choices=ErasureSource.choices)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"erasure {self.subject_ref[:8]} {self.created_at:%Y-%m-%d}"
