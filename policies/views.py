"""Non-API views: the public keys that verify signed receipts."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from .signing import jwks


@require_GET
def jwks_json(request: HttpRequest) -> JsonResponse:
    """``/.well-known/jwks.json``: every receipt-signing key, current and retired (RFC 7517)."""
    response = JsonResponse(jwks())
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response
