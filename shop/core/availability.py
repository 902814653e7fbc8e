"""503 instead of 500 while the database is unreachable.

A lost database connection (server down, restarting, failing over, out of connections) raises
``OperationalError`` or ``InterfaceError`` wherever the request happens to touch the database:
in a view, in authentication, in a session lookup. That is not a bug in the request, and the
client should simply retry, so API clients get the envelope with 503 ``service_unavailable`` and
``Retry-After``, and pages a short 503. ``/healthz`` says the same to the load balancer. Django
opens a new connection on the next request (``CONN_HEALTH_CHECKS``), so nothing has to restart
when the database is back.
"""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .envelope import error_response
from .middleware import API_PREFIX

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def unavailable_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        response = error_response(
            503, "service_unavailable", _("The service is temporarily unavailable. Please try again shortly.")
        )
    else:
        response = HttpResponse(
            _("The service is temporarily unavailable. Please try again shortly."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection in a view into a 503. Middleware that fails the same way
    ends in ``handler500``, which answers the same 503 (``shop.core.views.server_error``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if database_unavailable(exception):
            logger.exception("Database unavailable", exc_info=exception)
            return unavailable_response(request)
        return None
