"""Domain errors of the privacy rights, each with a stable code (API.md error envelope).

``invalid_token`` and ``invalid_password`` mean the same here as in accounts: one class each."""

from django.utils.translation import gettext_lazy as _

from shop.accounts.errors import InvalidPassword, InvalidToken
from shop.core.errors import Conflict

__all__ = ["InvalidPassword", "InvalidToken", "MarketingConsentMissing"]


class MarketingConsentMissing(Conflict):
    code = "marketing_consent_missing"
    default_message = _("The recipient has no confirmed consent to marketing email.")
