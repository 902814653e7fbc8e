from django.apps import AppConfig


class WishlistConfig(AppConfig):
    """A shopper's saved ("loved") products and recently viewed products."""

    name = "shop.wishlist"
    label = "wishlist"

    def ready(self) -> None:
        from . import privacy  # noqa: F401  (registers the export/erasure sections)
