from django.apps import AppConfig


class OrdersConfig(AppConfig):
    """Orders: what the checkout writes, kept for the accounting retention period."""

    name = "shop.orders"
    label = "orders"

    def ready(self) -> None:
        from . import privacy  # noqa: F401  (registers the export/erasure section and purge step)
