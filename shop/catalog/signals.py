"""What keeps the product list's read model and the API cache current.

Signals are the house-style exception for derived data and cache purging: ``page_published``
fires on every publish path (admin, ``save_revision().publish()``, scheduled, workflow, bulk),
``page_unpublished`` likewise; moves and deletions change what a category lists. Publishing a
product page also makes the renditions the storefront uses, so API reads never generate images.
Saving a VAT class or rate changes prices in cached responses and memoised rates; saving an image
changes the rendition URLs the read model holds.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.images import ensure_renditions

from .cache import catalogue_bump
from .listing import listing_refresh, listing_reprice
from .models import VatClass, VatRate
from .pages import ProductCategoryPage, ProductPage

CATALOGUE_PAGES = (ProductPage, ProductCategoryPage)


def _refresh_listing(instance) -> None:
    """Recompute the listing rows of the product pages at or below ``instance`` (a move of a
    category changes its products' paths)."""
    if isinstance(instance, ProductPage):
        keys = [instance.translation_key]
    else:
        keys = list(ProductPage.objects.descendant_of(instance).values_list("translation_key", flat=True))
    listing_refresh(translation_keys=keys)


def on_publish(sender, instance, **kwargs) -> None:
    if isinstance(instance, ProductPage):
        ensure_renditions(item.image for item in instance.gallery_images.select_related("image"))
        listing_refresh(translation_keys=[instance.translation_key])
    if isinstance(instance, CATALOGUE_PAGES):
        catalogue_bump()


def on_change(sender, instance, **kwargs) -> None:
    specific_class = getattr(instance, "specific_class", None) or type(instance)
    if issubclass(specific_class, CATALOGUE_PAGES):
        if issubclass(specific_class, ProductPage):
            # In the same transaction as the change, so the list never disagrees with the pages.
            listing_refresh(translation_keys=[instance.translation_key])
        elif kwargs.get("signal") is post_page_move:
            _refresh_listing(instance)
        catalogue_bump()


def on_image_saved(sender, instance, created, **kwargs) -> None:
    """An edited image (a new file or focal point gets new renditions) changes the URLs the
    product list and detail serve for the pages that show it."""
    if created:
        return
    keys = list(
        ProductPage.objects.filter(gallery_images__image=instance).values_list("translation_key", flat=True).distinct()
    )
    if keys:
        ensure_renditions([instance])
        listing_refresh(translation_keys=keys)
        catalogue_bump()


def on_rates_changed(sender, **kwargs) -> None:
    listing_reprice()  # the list's stored price keys
    catalogue_bump()  # prices in cached responses and memoised rates are stale


def connect() -> None:
    page_published.connect(on_publish, dispatch_uid="catalog.pages.published")
    page_unpublished.connect(on_change, dispatch_uid="catalog.pages.unpublished")
    post_page_move.connect(on_change, dispatch_uid="catalog.pages.moved")
    for model in CATALOGUE_PAGES:
        post_delete.connect(on_change, sender=model, dispatch_uid=f"catalog.pages.deleted.{model.__name__}")
    post_save.connect(on_image_saved, sender=get_image_model(), dispatch_uid="catalog.images.saved")
    for model in (VatClass, VatRate):
        post_save.connect(on_rates_changed, sender=model, dispatch_uid=f"catalog.bump.save.{model.__name__}")
        post_delete.connect(on_rates_changed, sender=model, dispatch_uid=f"catalog.bump.delete.{model.__name__}")
