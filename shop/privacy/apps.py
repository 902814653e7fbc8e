from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Privacy rights and evidence: consents, pseudonymous subject references, IP minimisation."""

    name = "shop.privacy"
    label = "privacy"
