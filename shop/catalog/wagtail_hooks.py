"""The catalogue in the Wagtail admin: VAT classes and rates as snippets, so staff configure
reduced classes and enter a rate change ahead of its date without a deploy; and the guard that
refuses copying product pages."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import VatClass, VatRate
from .pages import ProductPage


class VatClassViewSet(SnippetViewSet):
    model = VatClass
    icon = "tag"
    list_display = ["code", "name"]


class VatRateViewSet(SnippetViewSet):
    model = VatRate
    icon = "calculator"
    list_display = ["country", "vat_class", "rate", "valid_from"]
    list_filter = ["country", "vat_class"]


class VatViewSetGroup(SnippetViewSetGroup):
    items = (VatClassViewSet, VatRateViewSet)
    menu_label = "VAT"
    menu_icon = "calculator"


register_snippet(VatViewSetGroup)


@hooks.register("before_copy_page")
def refuse_copying_product_pages(request, page):
    """A copy would point at the same shop data (SKU, stock) as the original while being another
    product; translations are made with Translate, new products with Add child page."""
    if issubclass(page.specific_class, ProductPage) or ProductPage.objects.descendant_of(page).exists():
        messages.error(
            request,
            _("“%(title)s” contains product pages and cannot be copied: a copy would share their SKU and stock.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
