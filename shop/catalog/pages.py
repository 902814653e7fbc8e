"""Wagtail page types of the catalogue: categories and product pages, with the product page editor
that edits the shop data (``Product``) in the same form. They live beside ``Product`` so the
catalogue reads top to bottom in one package; ``cms`` keeps the home page, the shared blocks, the
image sizes and the Wagtail API wiring.

Loaded as models by ``CatalogConfig.import_models``: the editor form writes through
``shop.catalog.services``, which import ``shop.catalog.models``, so these page types cannot sit in
that module without an import cycle.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import ProductBodyBlock
from cms.images import RENDITIONS
from cms.preview import StorefrontPreviewMixin

from .models import Product, VatClass, VatRate
from .services import product_create, product_update, stock_set
from .vat import money, today

LOADED = "{name}-loaded"
_NOT_SENT = object()


class LoadedValueMixin:
    """A widget followed by a hidden copy of the value the editor was shown, so a save can tell
    what the editor changed from what changed in the database meanwhile (a sale, another editor)."""

    loaded: object = ""

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        return html + format_html('<input type="hidden" name="{}" value="{}">', LOADED.format(name=name), self.loaded)


class LoadedTextInput(LoadedValueMixin, forms.TextInput):
    pass


class LoadedNumberInput(LoadedValueMixin, forms.NumberInput):
    pass


class LoadedSelect(LoadedValueMixin, forms.Select):
    pass


class LoadedCheckboxInput(LoadedValueMixin, forms.CheckboxInput):
    pass


class ProductPageForm(WagtailAdminPageForm):
    """The product page editor with the shop data (SKU, price, VAT class, stock, active) in the
    same form, so editors work in one place. The fields edit the ``catalog.Product`` shared by all
    translations of the page, through the catalogue services, and apply at once (shop data is not
    revisioned).

    Only the fields the editor changed are written. Price and stock also change outside the editor
    (sales, another editor, another translation's editor), so the form carries the values it was
    loaded with and refuses a save when the database no longer holds them: the editor sees the
    current values and saves again, instead of silently restoring stock sold in between."""

    sku = forms.CharField(label=_("SKU"), max_length=64, widget=LoadedTextInput)
    net_price = forms.DecimalField(
        label=_("Net price (EUR, without VAT)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(0),
        widget=LoadedNumberInput(attrs={"step": "0.01"}),
    )
    vat_class = forms.ModelChoiceField(
        label=_("VAT class"), queryset=VatClass.objects.all(), empty_label=None, widget=LoadedSelect
    )
    stock_quantity = forms.IntegerField(label=_("Stock quantity"), min_value=0, initial=0, widget=LoadedNumberInput)
    active = forms.BooleanField(
        label=_("Active (listed and sold)"), required=False, initial=True, widget=LoadedCheckboxInput
    )

    SHOP_FIELDS = ("sku", "net_price", "vat_class", "stock_quantity", "active")
    # Changed outside the editor too (sales, stocktakes): a save over a change is refused.
    GUARDED_FIELDS = ("net_price", "stock_quantity")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = Product.objects.get(pk=self.instance.product_id) if self.instance.product_id else None
        if self.product is not None:
            for name in self.SHOP_FIELDS:
                self.initial[name] = self._current(name)
                # Re-shown after an error, the form keeps what the editor first loaded.
                sent = self.data.get(LOADED.format(name=self.add_prefix(name))) if self.is_bound else None
                self.fields[name].widget.loaded = str(self._current(name)) if sent is None else sent
        else:
            self.initial.setdefault("vat_class", "standard")

    def _current(self, name: str):
        """The database's value of shop field ``name`` as the form field holds it."""
        return self.product.vat_class_id if name == "vat_class" else getattr(self.product, name)

    def _loaded(self, name: str):
        """The value of ``name`` the editor's form was loaded with, or ``_NOT_SENT``."""
        raw = self.data.get(LOADED.format(name=self.add_prefix(name)))
        if raw is None:
            return _NOT_SENT
        if name == "active":
            return raw == "True"
        if name == "vat_class":
            return raw
        try:
            return self.fields[name].to_python(raw)
        except ValidationError:
            return _NOT_SENT

    def _edited(self, name: str) -> bool:
        """Did the editor change ``name``? Compared with what the form showed, not with the
        database, so a value changed meanwhile by someone else is not written back."""
        if name not in self.cleaned_data:
            return False
        loaded = self._loaded(name)
        if loaded is _NOT_SENT:
            return name in self.changed_data
        value = self.cleaned_data[name]
        return (value.pk if name == "vat_class" else value) != loaded

    def clean_sku(self) -> str:
        sku = self.cleaned_data["sku"].strip()
        others = Product.objects.filter(sku=sku)
        if self.instance.product_id:
            others = others.exclude(pk=self.instance.product_id)
        if others.exists():
            raise forms.ValidationError(_("Another product already has the SKU “%(sku)s”.") % {"sku": sku})
        return sku

    def clean(self):
        cleaned = super().clean()
        if self.product is not None:
            self._refuse_stale(self.product)
        return cleaned

    def _refuse_stale(self, current: Product) -> None:
        """Price or stock changed in the database since the form was loaded: refuse, and show the
        current values (the next save then goes through)."""
        stale = [name for name in self.GUARDED_FIELDS if self._loaded(name) != getattr(current, name)]
        if not stale:
            return
        self.data = self.data.copy()
        for name in stale:
            value = getattr(current, name)
            self.data[self.add_prefix(name)] = str(value)
            self.fields[name].widget.loaded = value
            self.add_error(
                name,
                _(
                    "This changed while you were editing (it is now %(value)s). "
                    "The field shows the current value: check it and save again."
                )
                % {"value": value},
            )

    def save(self, commit: bool = True):
        page = super().save(commit=False)
        data = {name: self.cleaned_data[name] for name in self.SHOP_FIELDS if name in self.cleaned_data}
        with transaction.atomic():
            if self.product is not None:
                changed = [name for name in self.SHOP_FIELDS if self._edited(name)]
                product = product_update(
                    product=self.product,
                    expected_net_price=self._loaded("net_price") if "net_price" in changed else None,
                    **{name: data[name] for name in changed if name != "stock_quantity"},
                )
                if "stock_quantity" in changed:
                    stock_set(product=product, quantity=data["stock_quantity"], expected=self._loaded("stock_quantity"))
                page.product = product
            else:
                page.product = self.product = product_create(**data)
            if commit:
                page.save()
        return page

    def get_field_updates_for_resave(self):
        """After a background save the editor stays on the open form: its loaded values become
        the values just saved, or the next save would be refused as stale."""
        updates = list(super().get_field_updates_for_resave())
        if self.product is not None:
            for name in self.SHOP_FIELDS:
                updates.append((LOADED.format(name=self.add_prefix(name)), str(self._current(name))))
        return updates


class ProductCategoryPage(Page):
    """A product category; categories nest, and product pages live below them. Translations are
    made from the admin (Translate) like any page."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage", "catalog.ProductCategoryPage"]
    subpage_types = ["catalog.ProductCategoryPage", "catalog.ProductPage"]

    class Meta:
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")


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
    parent_page_types = ["catalog.ProductCategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("product page")
        verbose_name_plural = _("product pages")

    def storefront_preview(self) -> dict:
        """The draft as the storefront's product page shows it (Finnish VAT, today's rate)."""
        product = self.product if self.product_id else None
        rate = None
        if product:
            in_force = VatRate.objects.filter(country="FI", vat_class_id=product.vat_class_id, valid_from__lte=today())
            rate = in_force.order_by("-valid_from").values_list("rate", flat=True).first()
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
