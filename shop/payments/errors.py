"""Payment errors with stable codes (see API.md)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import InvalidInput, NotFound


class InvalidSignature(InvalidInput):
    code = "invalid_signature"
    default_message = _("The webhook signature is missing, invalid or too old.")


class UnknownProvider(NotFound):
    code = "unknown_provider"
    default_message = _("No such payment provider.")


class UnknownPayment(InvalidInput):
    code = "unknown_payment"
    default_message = _("The webhook names a payment this shop does not know.")


class PaymentMethodInvalid(InvalidInput):
    code = "payment_method_invalid"
    default_message = _("This payment method is not available.")
