from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    """Checkout: turns a cart into an order, reserves stock, starts the payment, and reacts to
    the payment's outcome (hand-off to the carrier, confirmation email)."""

    name = "shop.checkout"
    label = "checkout"
