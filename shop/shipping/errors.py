"""Shipping errors with stable codes (see API.md)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import InvalidInput


class ShippingMethodInvalid(InvalidInput):
    code = "shipping_method_invalid"
    default_message = _("This shipping method is not available for the destination country.")


class PickupPointRequired(InvalidInput):
    code = "pickup_point_required"
    default_message = _("Choose a pickup point or parcel locker of the shipping method's carrier.")


class AddressRequired(InvalidInput):
    code = "address_required"
    default_message = _("A courier delivery needs a complete address in the destination country.")
