"""Wagtail's generic pages API (v2) at ``/api/v2/`` for CMS content; the shop API is ``/api/v1/``.

Wagtail's viewsets answer errors as ``{"message": ...}`` and pass some input straight to the
database (a huge ``offset``, a NUL byte or a lone quote in ``search``), which ends in a 500. Ours
check that input first and answer every error in the API's one envelope.
"""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from shop.core.envelope import error_body
from shop.core.http import INT_MAX

# Characters a search backend's query syntax or the database driver cannot take as plain text:
# NUL (PostgreSQL refuses it in any string) and the double quote (SQLite FTS5 phrase syntax).
UNSEARCHABLE = str.maketrans("", "", '\x00"')


class EnvelopeErrorsMixin:
    """Checks ``offset``, ``limit`` and ``search`` before Wagtail reads them; errors in the envelope."""

    def check_query_parameters(self, queryset: Any) -> None:
        params = self.request.GET
        for name in ("offset", "limit"):
            value = params.get(name)
            if value is not None and not (value.isascii() and value.isdigit() and int(value) <= INT_MAX):
                raise BadRequestError(f"{name} must be an integer from 0 to {INT_MAX}")
        if "search" in params:
            search = params["search"].translate(UNSEARCHABLE)
            if search != params["search"]:
                self.request.GET = params.copy()
                self.request.GET["search"] = search
        super().check_query_parameters(queryset)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, Http404):
            return Response(error_body("not_found", _("Not found.")), status=404)
        if isinstance(exc, BadRequestError):
            body = error_body("bad_request", _("The request could not be understood."), fields={"query": [str(exc)]})
            return Response(body, status=400)
        return super().handle_exception(exc)


class PagesAPI(EnvelopeErrorsMixin, PagesAPIViewSet):
    pass


class ImagesAPI(EnvelopeErrorsMixin, ImagesAPIViewSet):
    pass


class DocumentsAPI(EnvelopeErrorsMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPI)
api_router.register_endpoint("images", ImagesAPI)
api_router.register_endpoint("documents", DocumentsAPI)
