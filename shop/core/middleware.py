"""Request plumbing that must run before any view: body size limit and locale negotiation."""

import functools
from collections.abc import Callable
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _

from .envelope import error_response
from .locale import UnsupportedLocale, negotiate, supported_locales

API_PREFIX = "/api/"
API_V1_PREFIX = "/api/v1/"


class ApiBodySizeLimitMiddleware:
    """Answers 413 for an API request whose declared body exceeds ``API_MAX_BODY_BYTES``.

    Bodies without a Content-Length (chunked) are bounded again by the API's JSON parser.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.API_MAX_BODY_BYTES:
                return error_response(
                    413,
                    "request_too_large",
                    _("The request body is larger than %(limit)d bytes.") % {"limit": settings.API_MAX_BODY_BYTES},
                )
        return self.get_response(request)


@functools.lru_cache(maxsize=1024)
def _query_locale(raw: str) -> str | None:
    """``?locale=`` of a query string (the last one, as ``request.GET.get`` reads it), remembered
    per query string: building ``request.GET`` cost more than a cached catalogue answer's lookup."""
    values = [value for name, value in parse_qsl(raw, keep_blank_values=True) if name == "locale"]
    return values[-1] if values else None


class LocaleNegotiationMiddleware(LocaleMiddleware):
    """API requests: ``?locale=``, else Accept-Language, else the default; sets Content-Language.

    Other requests (admin, pages) keep Django's own LocaleMiddleware behaviour.
    """

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        if not request.path.startswith(API_V1_PREFIX):
            return super().process_request(request)
        try:
            language = negotiate(
                _query_locale(request.META.get("QUERY_STRING", "")), request.headers.get("Accept-Language", "")
            )
        except UnsupportedLocale as exc:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return error_response(
                400,
                "unsupported_locale",
                _("Unsupported locale “%(locale)s”; use one of: %(supported)s.")
                % {"locale": exc.requested, "supported": ", ".join(supported_locales())},
                fields={"locale": [_("Use one of: %(supported)s.") % {"supported": ", ".join(supported_locales())}]},
            )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not request.path.startswith(API_V1_PREFIX):
            return super().process_response(request, response)
        # A view that served another locale's content (fallback) has set the header already.
        response.headers.setdefault("Content-Language", getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE))
        vary = response.headers.get("Vary", "")
        if "accept-language" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Language" if vary else "Accept-Language"
        return response
