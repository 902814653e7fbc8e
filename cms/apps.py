from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Wagtail page models (home, categories, products) and the Wagtail pages API."""

    name = "cms"

    def ready(self) -> None:
        from . import signals

        signals.connect()
