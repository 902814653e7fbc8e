"""Admin guards for catalogue pages."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import ProductPage


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
