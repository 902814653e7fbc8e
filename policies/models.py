"""Versioned multilingual policies and the receipts that prove who acknowledged which text.

Rules (kept by ``policies.services``; tests in ``tests/policies/``):

* **Pages.** Editors write each policy (``kind``: privacy, terms, cookies) as a ``PolicyPage`` in the
  default locale (Finnish) and translate it with ``simple_translation``. There is at most one page per
  kind per locale (aliases excepted); ``PolicyPage.clean`` and the admin hooks enforce it.
* **Freezing.** Every publish of a policy page, by any path (admin, scheduled publishing, code,
  workflow), freezes a new ``PolicyVersion`` of that kind. The API serves frozen versions only, never
  live pages, so what a shopper saw is always a row we keep.
* **Numbering.** One integer per kind, shared by all locales, taken from the ``PolicyKindCounter``
  row under ``select_for_update``: Finnish v3 and Estonian v3 are the same policy. Publishing any
  locale's page makes version N+1.
* **Snapshot.** Version N+1 holds one ``PolicyVersionText`` per locale that has a live page. A
  locale whose live revision did not change keeps the previous version's frozen text byte for byte
  (same ``body_html``, same ``sha256``): it is copied, never re-rendered, because rendering the same
  revision again can give other bytes (link URLs, sites). A locale without a live page has no text
  and the API serves the default locale's text with ``fallback: true``.
* **Hash.** ``sha256`` is the SHA-256 of exactly the UTF-8 ``body_html`` the API serves.
* **Outdated translations.** A non-default locale's text is ``translation_outdated`` when the default
  locale's text changed in a *material* version after that locale's text was last published; the
  flag is carried forward until the locale's page is published again.
* **Change type.** ``change_type`` and ``change_summary`` of a version come from the page whose
  publish made it. A material change needs a summary. After a material version signed-in shoppers
  are asked to acknowledge again; an editorial version never asks again.
* **Immutability.** Versions, texts and receipts are append-only (ORM guard everywhere, PostgreSQL
  trigger too). Versions keep the Wagtail revision they came from with ``PROTECT``; receipts keep
  their version with ``PROTECT``. Policy pages cannot be deleted in the admin.
* **Receipts** are evidence: a pseudonymous ``subject_ref`` survives erasure (which only detaches
  ``user``), IPs are truncated, and each receipt is chained to the previous one by ``chain_hash``
  (see ``policies.chain`` and ``manage.py verify_receipts``).
"""

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.preview import StorefrontPreviewMixin
from shop.core.models import AppendOnlyModel

from .blocks import PolicyBodyBlock
from .panels import TranslationStatusPanel


class PolicyKind(models.TextChoices):
    PRIVACY = "privacy", _("privacy policy")
    TERMS = "terms", _("terms of sale")
    COOKIES = "cookies", _("cookie policy")


class ChangeType(models.TextChoices):
    MATERIAL = "material", _("material: shoppers are asked to acknowledge again")
    EDITORIAL = "editorial", _("editorial: wording or typo fixes, nobody is asked again")


class ReceiptContext(models.TextChoices):
    SIGNUP = "signup", _("signup")
    REPROMPT = "reprompt", _("re-acceptance prompt")
    CHECKOUT = "checkout", _("checkout")


class PolicyPage(StorefrontPreviewMixin, Page):
    """One policy in one locale, as editors write it. Never served directly: each publish freezes
    a ``PolicyVersion`` and the API serves those."""

    kind = models.CharField(_("kind"), max_length=16, choices=PolicyKind.choices)
    body = StreamField(PolicyBodyBlock(), verbose_name=_("body"))
    effective_from = models.DateField(_("effective from"), default=timezone.localdate)
    change_type = models.CharField(
        _("change type"), max_length=16, choices=ChangeType.choices, default=ChangeType.MATERIAL
    )
    change_summary = models.TextField(
        _("change summary"), blank=True, help_text=_("What changed for the shopper; required for a material change.")
    )

    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("effective_from"), FieldPanel("change_type"), FieldPanel("change_summary")],
            heading=_("This change"),
        ),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: ClassVar[list[str]] = []
    template = "policies/policy_page.html"

    class Meta:
        verbose_name = _("policy page")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.change_type == ChangeType.MATERIAL and not (self.change_summary or "").strip():
            errors["change_summary"] = [_("Summarise a material change for the shoppers who are asked again.")]
        if self.alias_of_id is None and self.locale_id is not None:
            others = PolicyPage.objects.filter(alias_of__isnull=True).exclude(pk=self.pk)
            if others.filter(kind=self.kind, locale_id=self.locale_id).exists():
                errors["kind"] = [_("This locale already has a page for this policy; edit that one instead.")]
            elif (
                self.translation_key
                and others.filter(translation_key=self.translation_key).exclude(kind=self.kind).exists()
            ):
                errors["kind"] = [_("Translations of a policy must keep its kind.")]
        if errors:
            raise ValidationError(errors)

    def storefront_preview(self) -> dict:
        """The draft rendered exactly as a publish would freeze it, for the storefront's preview."""
        from .services import policy_render

        rendered = policy_render(page=self)
        return {
            "page_type": "policy",
            "locale": self.locale.language_code,
            "title": rendered["title"],
            "summary": self.change_summary or "",
            "body_html": rendered["body_html"],
            "policy_kind": self.kind,
            "images": [],
            "price": None,
            "in_stock": None,
        }


class PolicyKindCounter(models.Model):
    """The last version number of one kind. Publishing locks this row (``select_for_update``) so
    concurrent publishes of fi/et/en get unique, gap-free numbers."""

    kind = models.CharField(max_length=16, choices=PolicyKind.choices, unique=True)
    last_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.kind}: v{self.last_version}"


class PolicyVersion(AppendOnlyModel):
    """One frozen version of a policy kind, in every locale that had a text (``texts``)."""

    append_only_detachable = ()

    kind = models.CharField(max_length=16, choices=PolicyKind.choices)
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    effective_from = models.DateField()
    change_type = models.CharField(max_length=16, choices=ChangeType.choices)
    change_summary = models.TextField(blank=True)
    # The publish that made this version: which locale's page, which revision.
    source_locale = models.CharField(max_length=8)
    source_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["kind", "-version", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="policies_version_kind_number_uniq"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="policies_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"

    @property
    def is_material(self) -> bool:
        return self.change_type == ChangeType.MATERIAL


class PolicyVersionText(AppendOnlyModel):
    """The frozen text of one version in one locale: exactly what the API serves, and its hash."""

    append_only_detachable = ()

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="texts")
    locale = models.CharField(max_length=8)
    title = models.CharField(max_length=255)
    body_html = models.TextField()
    body_text = models.TextField()
    # The body as blocks ({type, text, html, items?}) for the block-by-block diff; joined with "\n"
    # they are body_html.
    blocks = models.JSONField(default=list)
    sha256 = models.CharField(max_length=64)
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    # The version in which this text was first frozen (older than ``version`` when carried over).
    text_version = models.PositiveIntegerField()
    text_published_at = models.DateTimeField()
    translation_outdated = models.BooleanField(default=False)

    class Meta:
        ordering = ["version", "locale", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "locale"], name="policies_text_version_locale_uniq"),
        ]
        indexes = [models.Index(fields=["sha256"], name="policies_text_sha_idx")]

    def __str__(self) -> str:
        return f"{self.version} ({self.locale})"


class PolicyReceipt(AppendOnlyModel):
    """Evidence that a person acknowledged one frozen text: which version, locale and hash, when,
    where from (truncated IP, user agent) and in which flow. Chained to the previous receipt."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="policy_receipts"
    )
    subject_ref = models.CharField(max_length=64, db_index=True)
    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="receipts")
    locale = models.CharField(max_length=8)
    sha256 = models.CharField(max_length=64)
    context = models.CharField(max_length=16, choices=ReceiptContext.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, help_text=_("Truncated (see IP_V4_PREFIX)."))
    user_agent = models.CharField(max_length=200, blank=True)
    # Position in the chain (1, 2, ...) and the hashes linking this receipt to the one before.
    seq = models.PositiveBigIntegerField(unique=True)
    prev_hash = models.CharField(max_length=64)
    chain_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="policies_receipt_user_idx")]
        permissions = [("export_receipts", "Can export policy receipts for an auditor")]

    def __str__(self) -> str:
        return f"receipt #{self.seq} {self.version} ({self.locale}, {self.context})"


class ReceiptChainHead(models.Model):
    """The single row holding the newest receipt's hash. Each receipt insert locks it, so the
    chain stays linear under concurrency and verifying it needs no guesswork."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"receipt chain head #{self.last_seq}"
