"""Explicit extension points for flows owned by a lower layer.

Accounts sit below carts in the dependency order, yet signing in must merge an anonymous cart
into the shopper's own and tell the client what happened. Rather than accounts importing carts,
a higher app registers a login hook from its ``AppConfig.ready()``; the login view runs the hooks
after a successful sign-in and adds each hook's answer to its response under the hook's name.
"""

from collections.abc import Callable, Mapping
from typing import Any

LoginHook = Callable[..., Any]

_login_hooks: dict[str, LoginHook] = {}


def register_login_hook(name: str, hook: LoginHook) -> None:
    """``hook(*, user, data)`` runs after each successful login; ``data`` is the validated login
    body. A non-``None`` return value is added to the login response as ``name``."""
    _login_hooks[name] = hook


def run_login_hooks(*, user: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    results = {}
    for name, hook in _login_hooks.items():
        result = hook(user=user, data=data)
        if result is not None:
            results[name] = result
    return results
