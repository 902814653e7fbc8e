from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting API plumbing: error envelope, locale negotiation, pagination, health."""

    name = "shop.core"
    label = "core"

    def ready(self) -> None:
        from django.urls import register_converter

        from .http import IdConverter
        from .strict import strict_json_types

        register_converter(IdConverter, "id")
        strict_json_types()
