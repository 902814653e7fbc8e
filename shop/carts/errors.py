"""Cart errors with stable codes (see API.md)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import InvalidInput, NotFound


class CartNotFound(NotFound):
    code = "cart_not_found"
    default_message = _("No such cart.")


class CartLineNotFound(NotFound):
    code = "cart_line_not_found"
    default_message = _("No such cart line.")


class CartEmpty(InvalidInput):
    code = "cart_empty"
    default_message = _("The cart is empty.")


class UnsupportedCountry(InvalidInput):
    code = "unsupported_country"
    default_message = _("The shop does not deliver to this country.")
