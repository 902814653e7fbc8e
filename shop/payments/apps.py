from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    """Payments through redirecting providers with signed webhooks; the shop never sees card data."""

    name = "shop.payments"
    label = "payments"
