from django.apps import AppConfig


class ShippingConfig(AppConfig):
    """Shipping methods, pickup points and carrier hand-offs with a per-method field allowlist."""

    name = "shop.shipping"
    label = "shipping"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (a changed method invalidates cached cart answers)
