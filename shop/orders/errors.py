"""Order errors with stable codes (see API.md)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import Conflict, InvalidInput


class OrderStatusInvalid(Conflict):
    code = "order_status_invalid"
    default_message = _("The order cannot move to that status from its current one.")


class OrderLookupInvalid(InvalidInput):
    code = "token_required"
    default_message = _("Give the token from the order link.")
