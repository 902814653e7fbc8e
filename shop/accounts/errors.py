"""Domain errors of accounts, each with a stable code (API.md error envelope)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import DomainError, InvalidInput, InvalidPassword, InvalidToken

__all__ = [
    "InvalidCredentials",
    "InvalidIban",
    "InvalidKey",
    "InvalidPassword",
    "InvalidPhone",
    "InvalidPostcode",
    "InvalidToken",
    "RefundIbanLocked",
]


class InvalidPhone(InvalidInput):
    code = "invalid_phone"
    default_message = _("Enter a valid phone number in international format, e.g. +372 5123 4567.")


class InvalidIban(InvalidInput):
    code = "invalid_iban"
    default_message = _("Enter a valid IBAN.")


class InvalidPostcode(InvalidInput):
    code = "invalid_postcode"
    default_message = _("Enter a valid postcode for the country.")


class InvalidKey(InvalidInput):
    code = "invalid_key"
    default_message = _("The link is invalid or has expired.")


class RefundIbanLocked(DomainError):
    code = "refund_pending"
    status = 409
    default_message = _("A refund is pending to this account; contact customer support to change it.")


class InvalidCredentials(DomainError):
    """Wrong email and wrong password look the same, so the API does not reveal who has an account."""

    code = "invalid_credentials"
    status = 400
    default_message = _("The email address or password is incorrect.")
