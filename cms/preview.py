"""Editors preview a draft policy or product page in the storefront itself, not in a Django template.

Wagtail's preview panel asks the page for ``serve_preview`` with the unsaved form content. The mixin
renders that content to the same shape the storefront reads from the API, keeps it in the cache
under a random token for the editor who asked, and redirects the preview frame to the storefront's
``/preview/<token>`` route, which reads ``GET /api/v1/previews/<token>/`` and draws the page with
the storefront's own components (the role wagtail-headless-preview plays, without a table).
"""

import secrets
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

PREVIEW_TTL_SECONDS = 60 * 60
_KEY = "storefront-preview:{token}"


def preview_store(*, payload: dict[str, Any], user_id: int | None) -> str:
    token = secrets.token_urlsafe(24)
    cache.set(_KEY.format(token=token), {"user_id": user_id, "payload": payload}, PREVIEW_TTL_SECONDS)
    return token


def preview_get(*, token: str, user_id: int) -> dict[str, Any] | None:
    """The preview ``token`` names, only for the editor who made it (anyone else: ``None``)."""
    stored = cache.get(_KEY.format(token=token))
    if not stored or stored["user_id"] != user_id:
        return None
    return stored["payload"]


class StorefrontPreviewMixin:
    """Add to a page model that implements ``storefront_preview() -> dict`` (see ``PreviewSerializer``
    in ``config/previews.py`` for the keys)."""

    def storefront_preview(self) -> dict[str, Any]:  # pragma: no cover - each page type implements it
        raise NotImplementedError

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        token = preview_store(payload=self.storefront_preview(), user_id=request.user.pk)
        # Relative: the storefront is served by this same site, so the frame stays same-origin.
        return HttpResponseRedirect(f"/preview/{token}")
