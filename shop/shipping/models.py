"""Shipping: the methods a shopper can choose per destination country, and the carriers' pickup
points and parcel lockers (imported from the carriers' public location files)."""

from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Carrier(models.TextChoices):
    OMNIVA = "omniva", "Omniva"
    DPD = "dpd", "DPD"
    SMARTPOST = "smartpost", "SmartPOST (Itella)"


class MethodKind(models.TextChoices):
    PICKUP_POINT = "pickup_point", _("pickup point or parcel locker")
    COURIER = "courier", _("courier")


class ShippingMethod(models.Model):
    """A way to deliver to one country at a price, configured by staff in the admin. The kind
    decides what the shopper must give (a pickup point, or an address) and what the carrier gets
    (see ``shop.shipping.carriers.ALLOWED_FIELDS``)."""

    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100)
    carrier = models.CharField(_("carrier"), max_length=16, choices=Carrier.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=MethodKind.choices)
    country = models.CharField(
        _("country"), max_length=2, validators=[RegexValidator(r"^[A-Z]{2}$", _("Use an ISO 3166 two-letter code."))]
    )
    net_price = models.DecimalField(
        _("net price (EUR, without VAT)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("shipping method")
        verbose_name_plural = _("shipping methods")
        ordering = ["country", "sort_order", "code", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(net_price__gte=Decimal(0)), name="shipping_method_price_gte_0")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class PickupPoint(models.Model):
    """A parcel locker or pickup point of a carrier. ``external_id`` is the carrier's own id (the
    locker id handed over with a shipment); points that vanish from the carrier's file are
    deactivated, never deleted, so past orders keep pointing at something."""

    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    carrier = models.CharField(max_length=16, choices=Carrier.choices)
    external_id = models.CharField(max_length=64)
    country = models.CharField(max_length=2)
    kind = models.CharField(max_length=32, blank=True)  # locker, post office, parcel shop
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=16, blank=True)
    city = models.CharField(max_length=100, blank=True)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    opening_hours = models.CharField(max_length=500, blank=True)
    # Lower-cased, accent-free "name city postcode address" for prefix search.
    search_text = models.TextField(blank=True, editable=False)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pickup point")
        verbose_name_plural = _("pickup points")
        ordering = ["carrier", "country", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["carrier", "external_id"], name="shipping_pickup_point_carrier_id"),
        ]
        indexes = [models.Index(fields=["carrier", "country", "active"], name="shipping_pickup_filter_idx")]

    def __str__(self) -> str:
        return f"{self.get_carrier_display()}: {self.name}"

    @property
    def public_id(self) -> str:
        """The id the API shows and checkout takes: ``<carrier>:<carrier's id>``."""
        return f"{self.carrier}:{self.external_id}"

    @property
    def label(self) -> str:
        return ", ".join(part for part in (self.name, self.address, f"{self.postcode} {self.city}".strip()) if part)
