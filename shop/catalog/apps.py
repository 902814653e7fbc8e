from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """Shop data behind product pages: SKU, price, VAT class, stock."""

    name = "shop.catalog"
    label = "catalog"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .cache import catalogue_bump
        from .models import VatClass, VatRate

        def rates_changed(sender, **kwargs) -> None:
            catalogue_bump()  # prices in cached responses and memoised rates are stale

        for model in (VatClass, VatRate):
            post_save.connect(rates_changed, sender=model, dispatch_uid=f"catalog.bump.save.{model.__name__}")
            post_delete.connect(rates_changed, sender=model, dispatch_uid=f"catalog.bump.delete.{model.__name__}")
