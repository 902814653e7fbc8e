from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting API plumbing: error envelope, locale negotiation, pagination, health."""

    name = "shop.core"
    label = "core"
