from importlib import import_module

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """The catalogue: shop data (SKU, price, VAT class, stock), the product list's read model and
    the Wagtail page types that carry the product copy."""

    name = "shop.catalog"
    label = "catalog"

    def import_models(self) -> None:
        super().import_models()
        # The page types are models too; they live in their own module (see its docstring).
        import_module(f"{self.name}.pages")

    def ready(self) -> None:
        from . import signals

        signals.connect()
