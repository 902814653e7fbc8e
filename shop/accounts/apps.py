from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Shoppers and staff: the email-login user model and API tokens."""

    name = "shop.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import privacy, schema, signals  # noqa: F401  (export/erasure sections, OpenAPI, session links)
