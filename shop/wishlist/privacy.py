"""Saved and recently viewed products in the privacy export and erasure (deleted on erasure:
they are preferences, not evidence)."""

from shop.core.privacy_registry import register_section

from .selectors import recently_viewed_export, wishlist_export
from .services import recently_viewed_erase, wishlist_erase

register_section("wishlist", export=wishlist_export, erase=wishlist_erase)
register_section("recently_viewed", export=recently_viewed_export, erase=recently_viewed_erase)
