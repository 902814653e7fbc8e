import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from shop.core.pagination import Pagination


def paginate(query: str) -> dict:
    request = Request(APIRequestFactory().get(f"/api/v1/things/{query}"))
    paginator = Pagination()
    page = paginator.paginate_queryset(list(range(250)), request)
    return paginator.get_paginated_response(page).data


def test_default_page_has_the_api_md_shape():
    data = paginate("")
    assert list(data) == ["count", "next", "previous", "results"]
    assert data["count"] == 250
    assert data["results"] == list(range(20))
    assert data["previous"] is None
    assert data["next"].endswith("/api/v1/things/?page=2")


@pytest.mark.parametrize(("page_size", "expected"), [("5", 5), ("100", 100), ("1000", 100)])
def test_page_size_is_capped_at_100(page_size, expected):
    assert len(paginate(f"?page_size={page_size}")["results"]) == expected
