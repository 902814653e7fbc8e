"""Domain errors of the privacy rights, each with a stable code (API.md error envelope)."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import Conflict, InvalidInput


class InvalidToken(InvalidInput):
    code = "invalid_token"
    default_message = _("The link is invalid or has expired.")


class MarketingConsentMissing(Conflict):
    code = "marketing_consent_missing"
    default_message = _("The recipient has no confirmed consent to marketing email.")


class InvalidPassword(InvalidInput):
    code = "invalid_password"
    default_message = _("The password is not correct.")
