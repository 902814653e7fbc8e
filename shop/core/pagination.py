"""The one paginator of every list, and the view base class that uses it."""

from collections.abc import Callable
from typing import Any

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
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


class PaginatedAPIView(APIView):
    """An ``APIView`` whose GET answers a page of a list. ``pagination_class`` also tells the
    schema generator to document a ``many=True`` response as the paginated envelope."""

    pagination_class = Pagination

    def paginated_response(self, items: Any, serialize: Callable[[list], Any]) -> Response:
        """A page of ``items``, each page turned into ``results`` by ``serialize``."""
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, self.request, view=self)
        return paginator.get_paginated_response(serialize(page))
