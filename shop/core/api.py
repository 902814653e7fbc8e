"""DRF plumbing shared by every ``/api/v1/`` view: the exception handler that produces the one
error envelope and a JSON parser that enforces the body size limit."""

import io
import math
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import set_rollback

from .envelope import error_body
from .errors import DomainError

# DRF's own codes where API.md names a different one; every other DRF code passes through.
CODE_OVERRIDES = {
    exceptions.NotAuthenticated: "authentication_required",
    exceptions.ValidationError: "validation_error",
    exceptions.ParseError: "malformed_request",
}


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"
    default_detail = gettext_lazy("The request body is too large.")


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [str(detail)]


def _fields(detail: Any) -> dict[str, list[str]]:
    """Serializer errors as ``{"field": ["message", ...]}``; nested errors use dotted names."""
    if not isinstance(detail, dict):
        return {"non_field_errors": _flatten(detail)}
    fields: dict[str, list[str]] = {}
    for name, value in detail.items():
        if isinstance(value, dict):
            for sub_name, messages in _fields(value).items():
                fields[f"{name}.{sub_name}"] = messages
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            for index, item in enumerate(value):
                for sub_name, messages in _fields(item).items():
                    fields[f"{name}.{index}.{sub_name}"] = messages
        else:
            fields[str(name)] = _flatten(value)
    return fields


def _django_validation_error_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if name == "__all__" else name): [str(m) for e in errors for m in e.messages]
            for name, errors in exc.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every error of a DRF view, in the envelope of API.md, with a fitting status code."""
    headers: dict[str, str] = {}

    if isinstance(exc, DomainError):
        set_rollback()
        body = error_body(exc.code, str(exc.message), fields=exc.fields, details=exc.details)
        return Response(body, status=exc.status)

    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=_django_validation_error_fields(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()

    if not isinstance(exc, exceptions.APIException):
        return None  # a real bug: let it surface as a 500 (rendered by handler500 in the envelope)

    code = CODE_OVERRIDES.get(type(exc)) or exc.default_code
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        message = _("The request contains invalid data.")
        body = error_body(code, message, fields=fields)
    elif isinstance(exc, exceptions.ParseError):
        # DRF's message quotes the JSON decoder's English diagnosis.
        body = error_body(code, _("The request body is not valid JSON."))
    elif isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        # DRF's own "Expected available in N seconds." has no Finnish or Estonian translation.
        seconds = math.ceil(exc.wait)
        message = ngettext(
            "Too many requests; try again in %(seconds)d second.",
            "Too many requests; try again in %(seconds)d seconds.",
            seconds,
        ) % {"seconds": seconds}
        body = error_body(code, message)
    else:
        body = error_body(code, " ".join(_flatten(exc.detail)))

    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(math.ceil(exc.wait))

    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)


class RequestTooComplex(exceptions.ParseError):
    default_code = "request_too_complex"
    default_detail = gettext_lazy("The JSON body is nested too deeply.")


def _json_limits_check(data: Any) -> None:
    """Refuse documents nested deeper than ``API_MAX_JSON_DEPTH`` (400 ``request_too_complex``)
    and strings longer than ``API_MAX_STRING_LENGTH`` anywhere in them, named or not (400
    ``validation_error`` naming the field), before any view or serializer sees them."""
    max_depth, max_length = settings.API_MAX_JSON_DEPTH, settings.API_MAX_STRING_LENGTH
    too_long: dict[str, list[str]] = {}
    stack: list[tuple[Any, str, int]] = [(data, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > max_depth:
                raise RequestTooComplex(
                    _("The JSON body is nested deeper than %(limit)d levels.") % {"limit": max_depth}
                )
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and len(key) > max_length:
                    key = key[:40]
                    too_long[f"{path}{key}"] = [_("Names are limited to %(limit)d characters.") % {"limit": max_length}]
                stack.append((item, f"{path}{key}.", depth + 1))
        elif isinstance(value, str) and len(value) > max_length:
            too_long[path.rstrip(".") or "non_field_errors"] = [
                _("Ensure this field has no more than %(limit)d characters.") % {"limit": max_length}
            ]
    if too_long:
        raise exceptions.ValidationError(dict(sorted(too_long.items())))


class LimitedJSONParser(JSONParser):
    """JSON parser that refuses bodies over ``API_MAX_BODY_BYTES`` even without a Content-Length,
    and documents too deep or with overlong strings (see ``_json_limits_check``)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge()
        try:
            data = super().parse(io.BytesIO(raw), media_type, parser_context)
        except RecursionError as exc:  # thousands of brackets: the decoder itself gives up
            raise RequestTooComplex(
                _("The JSON body is nested deeper than %(limit)d levels.") % {"limit": settings.API_MAX_JSON_DEPTH}
            ) from exc
        _json_limits_check(data)
        return data
