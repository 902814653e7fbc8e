"""Carts. An anonymous cart is found by its token alone (unguessable, 256 bits); a signed-in
shopper has one persistent cart (``user`` is unique). Lines hold only the product and quantity:
prices are always computed from the catalogue at the moment they are shown or ordered."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Cart(models.Model):
    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    token = models.CharField(max_length=64, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="cart"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-updated_at", "pk"]

    def __str__(self) -> str:
        return f"cart {self.pk}"


class CartLine(models.Model):
    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cart", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "product"], name="carts_line_one_per_product"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="carts_line_quantity_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_id}"
