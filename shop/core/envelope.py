"""The one error envelope of API.md, built in one place.

``{"error": {"code": "snake_case", "message": "...", "fields": {...}}}``; ``fields`` only for
validation errors, ``details`` only where an error carries data a client acts on.
"""

from typing import Any

from django.http import JsonResponse


def error_body(
    code: str,
    message: str,
    *,
    fields: dict[str, list[str]] | None = None,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": str(message)}
    if fields:
        error["fields"] = fields
    if details:
        error["details"] = details
    return {"error": error}


def error_response(status: int, code: str, message: str, **kwargs: Any) -> JsonResponse:
    """A plain Django response in the envelope, for errors raised outside DRF views."""
    return JsonResponse(error_body(code, message, **kwargs), status=status)
