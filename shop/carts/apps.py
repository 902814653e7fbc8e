from django.apps import AppConfig


class CartsConfig(AppConfig):
    """Shopping carts: anonymous ones by token, one persistent cart per signed-in shopper."""

    name = "shop.carts"
    label = "carts"

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (login merges the anonymous cart; purge_expired removes stale carts)
