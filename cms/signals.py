"""Cache purging for the catalogue API (signals are the house-style exception for purging).

``page_published`` fires on every publish path (admin, ``save_revision().publish()``, scheduled,
workflow, bulk), ``page_unpublished`` likewise; moves and deletions change what a category lists.
Publishing a product page also makes the renditions the storefront uses, so API reads never
generate images.
"""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from shop.catalog.cache import catalogue_bump
from shop.catalog.listing import listing_refresh

from .images import ensure_renditions
from .models import ProductCategoryPage, ProductPage

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


def connect() -> None:
    page_published.connect(on_publish, dispatch_uid="cms.catalogue.published")
    page_unpublished.connect(on_change, dispatch_uid="cms.catalogue.unpublished")
    post_page_move.connect(on_change, dispatch_uid="cms.catalogue.moved")
    for model in CATALOGUE_PAGES:
        post_delete.connect(on_change, sender=model, dispatch_uid=f"cms.catalogue.deleted.{model.__name__}")
