"""The one paginator of every list, and the view base class that uses it."""

import functools
from collections.abc import Callable
from typing import Any

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from .http import INT_MAX, query_params

MAX_PAGE_SIZE = 100


class PageQuerySerializer(serializers.Serializer):
    """``?page=`` and ``?page_size=`` as every list reads them: a bad value is a 400 on its field."""

    page = serializers.IntegerField(required=False, min_value=1, max_value=INT_MAX)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)


class Pagination(PageNumberPagination):
    """The one paginator of every list: ``{"count", "next", "previous", "results"}`` with
    ``?page=`` and ``?page_size=`` (1 to 100). An invalid ``page`` or ``page_size`` is a 400
    ``validation_error`` naming the parameter; a page past the last one is a 404."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset: Any, request: Request, view: APIView | None = None) -> list | None:
        query_params(PageQuerySerializer, request)
        return super().paginate_queryset(queryset, request, view=view)

    # The next and previous links, as DRF writes them (query parameters sorted and re-encoded):
    # pure functions of the URL and the page, and re-encoding the query string was a sixth of an
    # uncached product list's CPU, so each is remembered (bench/inprocess.py, README Performance).
    def get_next_link(self) -> str | None:
        if not self.page.has_next():
            return None
        return _page_link(self.request.build_absolute_uri(), self.page_query_param, self.page.next_page_number())

    def get_previous_link(self) -> str | None:
        if not self.page.has_previous():
            return None
        return _page_link(self.request.build_absolute_uri(), self.page_query_param, self.page.previous_page_number())

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Page number, from 1; past the last page is a 404.",
                "schema": {"type": "integer", "minimum": 1, "maximum": INT_MAX},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Results per page (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


@functools.lru_cache(maxsize=2048)
def _page_link(url: str, param: str, number: int) -> str:
    """``url`` pointing at page ``number`` (page 1 without the parameter), as DRF's links do."""
    return remove_query_param(url, param) if number == 1 else replace_query_param(url, param, number)


class PaginatedAPIView(APIView):
    """An ``APIView`` whose GET answers a page of a list. ``pagination_class`` also tells the
    schema generator to document a ``many=True`` response as the paginated envelope."""

    pagination_class = Pagination

    def paginated_response(self, items: Any, serialize: Callable[[list], Any]) -> Response:
        """A page of ``items``, each page turned into ``results`` by ``serialize``."""
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, self.request, view=self)
        return paginator.get_paginated_response(serialize(page))
