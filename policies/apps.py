from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    """Versioned multilingual policies (privacy, terms, cookies) and acknowledgement receipts."""

    name = "policies"
