from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """Shop data behind product pages: SKU, price, VAT class, stock."""

    name = "shop.catalog"
    label = "catalog"
