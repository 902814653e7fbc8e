"""Shop data behind product pages: one ``Product`` per translation group of a product page.

Editors write product copy per language in Wagtail (``ProductPage``, in ``pages.py``); the SKU, net price, VAT
class, stock and the active flag are the same whatever the language, so they live here once and
every translation of the page points at the same row. Shop data is operational, not content: it is
not revisioned, and changes apply at once (also when an editor only saves a draft of the page).
Writes go through ``shop.catalog.services``; stock is never assigned directly.
"""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VatClass(models.Model):
    """A VAT category a product is taxed under (standard, reduced, zero, ...). Staff add classes
    when a country introduces a new reduced rate; the rates themselves are ``VatRate`` rows."""

    code = models.SlugField(_("code"), max_length=32, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("VAT class")
        verbose_name_plural = _("VAT classes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class VatRate(models.Model):
    """The rate of a VAT class in a destination country from a date on. The rate that applies on
    a day is the row with the latest ``valid_from`` on or before it, so a rate change is a new
    row, entered ahead of time, and past prices stay explainable."""

    country = models.CharField(
        _("country"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use an ISO 3166 two-letter country code."))],
    )
    vat_class = models.ForeignKey(VatClass, on_delete=models.PROTECT, related_name="rates")
    rate = models.DecimalField(_("rate (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("VAT rate")
        verbose_name_plural = _("VAT rates")
        ordering = ["country", "vat_class", "-valid_from", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["country", "vat_class", "valid_from"], name="catalog_vatrate_unique_day"),
            models.CheckConstraint(
                condition=models.Q(rate__gte=0) & models.Q(rate__lt=100), name="catalog_vatrate_rate_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.vat_class_id} {self.rate}% from {self.valid_from}"


class Product(models.Model):
    """What the shop sells, once per product whatever the language of its pages."""

    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    net_price = models.DecimalField(
        _("net price (EUR, without VAT)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    vat_class = models.ForeignKey(
        VatClass, on_delete=models.PROTECT, related_name="products", default="standard", verbose_name=_("VAT class")
    )
    stock_quantity = models.PositiveIntegerField(_("stock quantity"), default=0)
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive products are not sold or listed."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["sku", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(net_price__gte=0), name="catalog_product_net_price_gte_0"),
        ]
        indexes = [models.Index(fields=["active", "stock_quantity"], name="catalog_product_active_idx")]

    def __str__(self) -> str:
        return self.sku

    @property
    def in_stock(self) -> bool:
        return self.stock_quantity > 0


class ProductListing(models.Model):
    """Read model behind the product list: one row per product and shop language, holding what a
    list item shows, so listing is a single-table query with indexes instead of joins over
    Wagtail's page tables (10 ms just to count 10,000 products that way on SQLite).

    The row for language L describes the live L translation, or the default-language page when L
    has none (``page_locale`` differs from ``locale``: a fallback). Only active products have
    rows, so the list query needs no flag (SQLite cannot use an index on a bare boolean column
    the way Django writes it). ``search_text`` is what ``?q=`` matches: title, summary and
    body text folded to lower case without accents, searched by substring so that
    ``villa`` finds ``Villasukat`` (PostgreSQL: a pg_trgm index serves it). Rows are derived data, never
    edited: ``shop.catalog.listing`` rebuilds a product's rows when its pages are published,
    unpublished, moved or deleted, and the catalogue services update the shop-data columns
    together with ``Product``. ``manage.py rebuild_product_listing`` rebuilds everything.
    """

    locale = models.CharField(max_length=8)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="listings")
    translation_key = models.UUIDField()
    page_locale = models.CharField(max_length=8)
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, allow_unicode=True)
    summary = models.TextField(blank=True)
    path = models.CharField(max_length=255)
    first_published_at = models.DateTimeField(null=True)
    sku = models.CharField(max_length=64)
    net_price = models.DecimalField(max_digits=12, decimal_places=2)
    vat_class = models.CharField(max_length=32)
    stock_quantity = models.PositiveIntegerField()
    image_url = models.CharField(max_length=500, blank=True)
    image_width = models.PositiveIntegerField(null=True)
    image_height = models.PositiveIntegerField(null=True)
    image_alt = models.CharField(max_length=250, blank=True)
    search_text = models.TextField(blank=True)
    # What the product detail shows beyond a card, so a detail is one query here too: the body
    # rendered to HTML at publish time, the gallery with its renditions, the SEO fields.
    body_html = models.TextField(blank=True)
    images = models.JSONField(default=list, blank=True)
    seo_title = models.CharField(max_length=255, blank=True)
    search_description = models.TextField(blank=True)
    # net * (100 + rate) with the VAT rate in force in EE / FI when the row was written: the gross
    # price in cents before rounding, so an index serves price ordering and price filters. The
    # list uses these only while they match the rates of the day (``selectors.price_keys_fresh``).
    price_key_ee = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    price_key_fi = models.DecimalField(max_digits=20, decimal_places=4, null=True)

    class Meta:
        ordering = ["locale", "-first_published_at", "-page_id"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "translation_key"], name="catalog_listing_one_per_locale"),
        ]
        indexes = [
            models.Index(fields=["locale", "-first_published_at", "-page"], name="catalog_listing_newest_idx"),
            models.Index(fields=["locale", "title", "page"], name="catalog_listing_title_idx"),
            models.Index(fields=["locale", "net_price"], name="catalog_listing_price_idx"),
            models.Index(fields=["translation_key"], name="catalog_listing_key_idx"),
            # Category filters (``path LIKE 'prefix%'``); the operator class lets PostgreSQL use it.
            models.Index(
                fields=["locale", "path"],
                name="catalog_listing_path_idx",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["locale", "price_key_ee", "page"], name="catalog_listing_price_ee_idx"),
            models.Index(fields=["locale", "price_key_fi", "page"], name="catalog_listing_price_fi_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.locale}: {self.title}"
