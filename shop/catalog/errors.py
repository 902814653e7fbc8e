"""Catalogue errors with stable codes (see API.md)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import Conflict, NotFound


class ProductNotFound(NotFound):
    code = "product_not_found"
    default_message = _("No such product.")


class InsufficientStock(Conflict):
    code = "insufficient_stock"
    default_message = _("There is not enough stock.")


class ShopDataChanged(Conflict):
    code = "shop_data_changed"
    default_message = _("The product's price or stock changed in the meantime; reload and try again.")
