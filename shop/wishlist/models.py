"""Per-shopper product lists. Conveniences, not evidence: rows go with the account (CASCADE) and
with the product, and the privacy export/erasure framework reads and erases them through
``selectors.wishlist_export`` / ``services.wishlist_erase`` (and the recently-viewed pair)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.catalog.models import Product


class WishlistItem(models.Model):
    """A product the shopper saved ("loved") to come back to."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wishlist_items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("wishlist item")
        verbose_name_plural = _("wishlist items")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "product"], name="wishlist_item_unique_per_user")]
        indexes = [models.Index(fields=["user", "-created_at"], name="wishlist_item_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} loves {self.product_id}"


class RecentlyViewed(models.Model):
    """A product the shopper looked at; one row per product (the newest view), at most
    ``RECENTLY_VIEWED_LIMIT`` rows per shopper."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recently_viewed")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recently viewed product")
        verbose_name_plural = _("recently viewed products")
        ordering = ["-viewed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "product"], name="recently_viewed_unique_per_user")]
        indexes = [models.Index(fields=["user", "-viewed_at"], name="recently_viewed_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} viewed {self.product_id}"
