"""Wagtail page types. The storefront is headless: pages are content for the API, and Wagtail's
own rendering is used for previews."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from shop.catalog.models import Product, VatClass
from shop.catalog.services import product_create, product_update, stock_set

from .blocks import ProductBodyBlock
from .preview import StorefrontPreviewMixin


class HomePage(Page):
    """The root of each locale's tree; categories, products and policies live below it."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "home page"


class ProductCategoryPage(Page):
    """A product category; categories nest, and product pages live below them. Translations are
    made from the admin (Translate) like any page."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage", "cms.ProductCategoryPage"]
    subpage_types = ["cms.ProductCategoryPage", "cms.ProductPage"]

    class Meta:
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")


class ProductPageForm(WagtailAdminPageForm):
    """The product page editor with the shop data (SKU, price, VAT class, stock, active) in the
    same form, so editors work in one place. The fields edit the ``catalog.Product`` shared by all
    translations of the page, through the catalogue services, and apply at once (shop data is not
    revisioned)."""

    sku = forms.CharField(label=_("SKU"), max_length=64)
    net_price = forms.DecimalField(
        label=_("Net price (EUR, without VAT)"), max_digits=12, decimal_places=2, min_value=Decimal(0)
    )
    vat_class = forms.ModelChoiceField(label=_("VAT class"), queryset=VatClass.objects.all(), empty_label=None)
    stock_quantity = forms.IntegerField(label=_("Stock quantity"), min_value=0, initial=0)
    active = forms.BooleanField(label=_("Active (listed and sold)"), required=False, initial=True)

    SHOP_FIELDS = ("sku", "net_price", "vat_class", "stock_quantity", "active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        product = self.instance.product if self.instance.product_id else None
        if product is not None:
            for name in self.SHOP_FIELDS:
                if name in self.fields:
                    self.initial[name] = getattr(product, name)
        else:
            self.initial.setdefault("vat_class", "standard")

    def clean_sku(self) -> str:
        sku = self.cleaned_data["sku"].strip()
        others = Product.objects.filter(sku=sku)
        if self.instance.product_id:
            others = others.exclude(pk=self.instance.product_id)
        if others.exists():
            raise forms.ValidationError(_("Another product already has the SKU “%(sku)s”.") % {"sku": sku})
        return sku

    def save(self, commit: bool = True):
        page = super().save(commit=False)
        data = {name: self.cleaned_data[name] for name in self.SHOP_FIELDS if name in self.cleaned_data}
        if page.product_id:
            product = product_update(
                product=page.product,
                sku=data["sku"],
                net_price=data["net_price"],
                vat_class=data["vat_class"],
                active=data["active"],
            )
            stock_set(product=product, quantity=data["stock_quantity"])
        else:
            page.product = product_create(**data)
        if commit:
            page.save()
        return page


class ProductPage(StorefrontPreviewMixin, Page):
    """Product copy in one language. Every translation of a product points at the same
    ``catalog.Product`` (``copy_for_translation`` copies the link), which holds the shop data."""

    summary = models.TextField(_("summary"), max_length=500, help_text=_("One or two sentences for lists and search."))
    body = StreamField(ProductBodyBlock(), blank=True, verbose_name=_("body"))
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="pages", verbose_name=_("shop data"), editable=False
    )

    base_form_class = ProductPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("Images"), heading=_("Image gallery")),
        MultiFieldPanel(
            [
                FieldPanel("sku"),
                FieldPanel("net_price"),
                FieldPanel("vat_class"),
                FieldPanel("stock_quantity"),
                FieldPanel("active"),
            ],
            heading=_("Shop data (shared by every translation; applies at once)"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.ProductCategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("product page")
        verbose_name_plural = _("product pages")

    def storefront_preview(self) -> dict:
        """The draft as the storefront's product page shows it (Finnish VAT, today's rate)."""
        from shop.catalog.selectors import vat_rates
        from shop.catalog.vat import money, today

        from .images import RENDITIONS

        product = self.product if self.product_id else None
        rate = vat_rates(country="FI", on=today()).get(product.vat_class_id) if product else None
        images = []
        for item in self.gallery_images.all():
            rendition = item.image.get_rendition(RENDITIONS["full"])
            images.append(
                {"url": rendition.url, "width": rendition.width, "height": rendition.height, "alt": item.alt_text}
            )
        with translation.override(self.locale.language_code):
            body_html = str(self.body)
        return {
            "page_type": "product",
            "locale": self.locale.language_code,
            "title": self.title,
            "summary": self.summary,
            "body_html": body_html,
            "policy_kind": None,
            "images": images,
            "price": money(net=product.net_price, rate=rate) if product and rate is not None else None,
            "in_stock": product.stock_quantity > 0 if product else None,
        }

    def clean(self) -> None:
        super().clean()
        others = ProductPage.objects.exclude(pk=self.pk)
        if self.slug and others.filter(locale_id=self.locale_id, slug=self.slug).exists():
            raise ValidationError({"slug": _("Another product page in this language has this slug.")})
        if (
            self.product_id
            and others.filter(product_id=self.product_id).exclude(translation_key=self.translation_key).exists()
        ):
            raise ValidationError(_("This product's shop data belongs to another product page."))


class ProductPageGalleryImage(Orderable):
    """One image of a product's gallery; alt text is per language, so it lives on the page."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        _("alt text"), max_length=250, help_text=_("What the image shows, for people who cannot see it.")
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")

    def __str__(self) -> str:
        return self.alt_text
