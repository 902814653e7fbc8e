"""Domain errors of the privacy rights, each with a stable code (API.md error envelope).

``invalid_token`` and ``invalid_password`` mean the same here as in accounts: one class each,
in ``shop.core.errors``."""

from django.utils.translation import gettext_lazy as _

from shop.core.errors import Conflict, InvalidPassword, InvalidToken

__all__ = ["InvalidPassword", "InvalidToken", "MarketingConsentMissing"]


class MarketingConsentMissing(Conflict):
    code = "marketing_consent_missing"
    default_message = _("The recipient has no confirmed consent to marketing email.")
