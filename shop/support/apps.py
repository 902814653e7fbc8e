from django.apps import AppConfig


class SupportConfig(AppConfig):
    """Support requests, including data-subject requests with their one-month deadline."""

    name = "shop.support"
    label = "support"

    def ready(self) -> None:
        from . import privacy  # noqa: F401  (registers the export/erasure section)
