from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Privacy rights and evidence: consents, pseudonymous subject references, IP minimisation,
    export and erasure across domains (``registry.py``)."""

    name = "shop.privacy"
    label = "privacy"

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers consents, cookie consents, disclosures)
