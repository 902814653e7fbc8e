"""Views that are not part of a domain: health check and JSON error pages for the API."""

import logging
import re
import sys
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from django.views.decorators.http import require_GET
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .availability import database_unavailable, unavailable_response
from .envelope import error_response
from .middleware import API_PREFIX

logger = logging.getLogger(__name__)
FILE_NAME = re.compile(r"[^./]+\.[A-Za-z0-9]{1,8}")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 when it does not (for the load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request: HttpRequest, exception: Exception, template_name: str = "400.html") -> HttpResponse:
    if _is_api(request):
        return error_response(400, "bad_request", _("The request could not be understood."))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception, template_name: str = "403.html") -> HttpResponse:
    if _is_api(request):
        return error_response(403, "permission_denied", _("You do not have permission to perform this action."))
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception, template_name: str = "404.html") -> HttpResponse:
    if _is_api(request):
        return error_response(404, "not_found", _("Not found."))
    return defaults.page_not_found(request, exception)


@csrf_exempt
def api_not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Every ``/api/`` path no view matched: the envelope, also under ``DEBUG`` (where Django would
    answer its HTML debug page) and also without the trailing slash (where ``APPEND_SLASH`` would
    redirect a GET and raise for a POST); the message then names the path that exists."""
    if not request.path.endswith("/"):
        try:
            match = resolve(f"{request.path}/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            message = _("Not found. API paths end with a slash: %(path)s") % {"path": f"{request.path}/"}
            return error_response(404, "not_found", message)
    return error_response(404, "not_found", _("Not found."))


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    if database_unavailable(sys.exc_info()[1]):  # e.g. a session lookup in middleware
        return unavailable_response(request)
    if _is_api(request):
        return error_response(500, "server_error", _("Something went wrong on our side. Please try again later."))
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if _is_api(request):
        return error_response(403, "csrf_failed", _("CSRF check failed; reload the page and try again."))
    from django.views.csrf import csrf_failure as django_csrf_failure

    return django_csrf_failure(request, reason)


class CsrfView(APIView):
    """Sets the ``csrftoken`` cookie for a browser frontend on our own site (204, no body)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="The csrftoken cookie is set; send it back as X-CSRFToken.")},
        summary="Get the CSRF cookie a browser needs before its first unsafe request",
    )
    @method_decorator(ensure_csrf_cookie)
    def get(self, request: Request) -> Response:
        return Response(status=204)


@require_GET
def storefront(request: HttpRequest, path: str = "") -> HttpResponse:
    """The storefront's index.html for every client-side route (``/products/villasukat``,
    ``/account/verify-email?key=...``): the app routes by the real path, so a reload or a link from an
    email lands in the app. WhiteNoise has already answered for files that exist; a path whose last
    segment looks like a file name (``name.ext``) is a missing file, not a route, and stays 404.
    Signed tokens (``/unsubscribe/.eJw...:1x...``) contain dots but are not file names."""
    if FILE_NAME.fullmatch(path.rsplit("/", 1)[-1]):
        raise Http404(path)
    index = Path(settings.WHITENOISE_ROOT) / "index.html"
    response = HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # the hashed assets it names are immutable; this file is not
    if path.startswith("preview/"):
        # Wagtail's preview panel shows the storefront's preview route in a frame of this site.
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response
