"""A shipping method saved or deleted (in the admin, by ``load_demo``) moves the catalogue version,
so answers that price shipping and are cached by that version (a cart's) are worked out again."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from shop.catalog.cache import catalogue_bump

from .models import ShippingMethod


@receiver([post_save, post_delete], sender=ShippingMethod, dispatch_uid="shipping_method_changed")
def _shipping_method_changed(**_kwargs) -> None:
    catalogue_bump()
