"""What carts plug into lower layers: the login merge (``shop.core.hooks``) and the retention
purge (``manage.py purge_expired``)."""

from shop.core.hooks import register_login_hook
from shop.core.privacy_registry import register_purge_step

from .services import cart_merge, carts_purge_expired


def _merge_on_login(*, user, data) -> dict | None:
    token = data.get("cart_token")
    if not token:
        return None
    return cart_merge(user=user, token=token)


register_login_hook("cart", _merge_on_login)
register_purge_step("stale_carts", carts_purge_expired)
