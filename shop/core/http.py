"""HTTP details shared by every app: conditional GETs, pre-rendered JSON and bounded ids in URLs."""

import contextlib
import hashlib
from collections import OrderedDict
from typing import Any, NamedTuple

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import parse_etags
from rest_framework.views import APIView

from .renderers import OrjsonRenderer

# The largest id a URL or a request body may name: SQLite and PostgreSQL ``bigint`` stop at
# 2**63 - 1, and a bigger number must be a clean 4xx, never an overflow in the database driver.
ID_MAX = 2**63 - 1
# Plain ``integer`` columns (version numbers and counters) stop at 2**31 - 1 on PostgreSQL.
INT_MAX = 2**31 - 1


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` header matches ``etag``, by the weak comparison RFC 9110
    prescribes for it (``W/"x"`` matches ``"x"``); ``*`` matches any current representation."""
    candidates = parse_etags(if_none_match or "")
    return "*" in candidates or any(tag.removeprefix("W/") == etag.removeprefix("W/") for tag in candidates)


_RENDERER = OrjsonRenderer()


class RenderedJson(NamedTuple):
    """A response body rendered once, ready to cache and serve as is."""

    body: bytes
    etag: str
    content_language: str


def render_json(data: Any, *, content_language: str, etag: str | None = None) -> RenderedJson:
    """``data`` rendered as every API response is (``OrjsonRenderer``), with a strong ETag of the
    bytes unless the caller names a better one."""
    body = _RENDERER.render(data)
    return RenderedJson(body, etag or f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"', content_language)


def rendered_json_response(request: HttpRequest, rendered: RenderedJson, *, cache_control: str) -> HttpResponse:
    """Serve pre-rendered JSON: a 304 when ``If-None-Match`` matches, else the bytes as they are
    (no serializer, no renderer: the hot read paths pay only for the lookup that found them)."""
    if etag_matches(request.headers.get("If-None-Match", ""), rendered.etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(rendered.body, content_type="application/json")
    response["ETag"] = rendered.etag
    response["Cache-Control"] = cache_control
    response["Content-Language"] = rendered.content_language
    return response


class JsonReadView(APIView):
    """Base of the hot public reads that answer pre-rendered JSON.

    JSON is the API's only renderer, so content negotiation, which parses ``Accept`` on every
    request, is skipped; authentication runs when the view first reads ``request.user`` (as DRF
    allows), which ``signed_in()`` avoids for a request that carries no credentials at all. A
    bad token is still a 401 wherever the view looks at the user."""

    def perform_content_negotiation(self, request: Any, force: bool = False) -> tuple[Any, str]:
        renderer = self.renderer_classes[0]()
        return renderer, renderer.media_type

    def perform_authentication(self, request: Any) -> None:
        pass

    def cached_answer(self, request: HttpRequest, **kwargs: Any) -> HttpResponse | None:
        """A finished answer to a GET found before DRF wraps the request (a cache hit), or None.
        DRF's per-request setup cost about a fifth of such an answer."""
        return None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "GET":
            response = self.cached_answer(request, **kwargs)
            if response is not None:
                response["Allow"] = ", ".join(self.allowed_methods)  # as DRF's finalize_response
                return response
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def has_credentials(request: Any) -> bool:
        """Whether the request carries a token or a session cookie (valid or not)."""
        return "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES

    @classmethod
    def signed_in(cls, request: Any) -> bool:
        return cls.has_credentials(request) and request.user.is_authenticated


_QUERY_SERIALIZERS: dict[type, Any] = {}
_VALIDATED: OrderedDict[tuple[type, str], dict[str, Any]] = OrderedDict()
_VALIDATED_MAX = 1024


def query_params(serializer_class: type, request: Any) -> dict[str, Any]:
    """The validated query parameters of ``request`` (a 400 ``validation_error`` naming the bad
    ones), through one shared instance of ``serializer_class`` per process.

    A serializer instance deep-copies its declared fields when it is made, and validating a
    query string costs more than the SQL of a list page. So one instance per class validates
    through ``run_validation`` (which keeps no state on it: the same result and errors as
    ``is_valid()`` on a new one), and the result for a query string is remembered (the last
    ``_VALIDATED_MAX`` valid ones per process; the values are immutable, the dict is a copy)."""
    key = (serializer_class, request.META.get("QUERY_STRING", ""))
    validated = _VALIDATED.get(key)
    if validated is None:
        serializer = _QUERY_SERIALIZERS.get(serializer_class)
        if serializer is None:
            serializer = _QUERY_SERIALIZERS[serializer_class] = serializer_class()
            _ = serializer.fields  # bind the fields once
        validated = dict(serializer.run_validation(request.query_params))
        _VALIDATED[key] = validated
        if len(_VALIDATED) > _VALIDATED_MAX:
            with contextlib.suppress(KeyError):  # another thread evicted it first
                _VALIDATED.popitem(last=False)
    return dict(validated)


class IdConverter:
    """``<id:name>`` in URL patterns: a positive integer of at most 18 digits, so that every value
    fits a 64-bit column; a longer number is a 404 from the resolver, not a driver overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
