import pytest
from rest_framework.exceptions import NotFound, ValidationError
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


def test_links_are_drfs_sorted_query_for_each_url_and_page():
    """The links are remembered per URL and page (shop.core.pagination._page_link): each request's
    own query and host still make its own links."""
    for _ in range(2):
        data = paginate("?page=3&page_size=20&q=%C3%A4iti+%26+co&a=1&a=2")
        assert data["next"] == "http://testserver/api/v1/things/?a=1&a=2&page=4&page_size=20&q=%C3%A4iti+%26+co"
        assert data["previous"] == "http://testserver/api/v1/things/?a=1&a=2&page=2&page_size=20&q=%C3%A4iti+%26+co"
    second = paginate("?page=2&page_size=20&q=x")
    assert second["previous"] == "http://testserver/api/v1/things/?page_size=20&q=x"
    assert paginate("?page=13")["next"] is None


@pytest.mark.parametrize(("page_size", "expected"), [("1", 1), ("5", 5), ("100", 100)])
def test_page_size_from_1_to_100(page_size, expected):
    assert len(paginate(f"?page_size={page_size}")["results"]) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?page_size=1000", "page_size"),
        ("?page_size=0", "page_size"),
        ("?page_size=abc", "page_size"),
        ("?page=0", "page"),
        ("?page=abc", "page"),
        ("?page=99999999999999999999999", "page"),
    ],
)
def test_invalid_page_or_page_size_is_a_validation_error(query, field):
    with pytest.raises(ValidationError) as raised:
        paginate(query)
    assert list(raised.value.detail) == [field]


def test_page_past_the_last_is_not_found():
    with pytest.raises(NotFound):
        paginate("?page=14")


def test_query_params_through_one_shared_serializer_keep_no_state_between_requests():
    from rest_framework.exceptions import ValidationError
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    from shop.core.http import query_params
    from shop.core.pagination import PageQuerySerializer

    def parse(query: str):
        return query_params(PageQuerySerializer, APIView().initialize_request(APIRequestFactory().get(f"/x/?{query}")))

    with pytest.raises(ValidationError) as first:
        parse("page=0&page_size=x")
    assert set(first.value.detail) == {"page", "page_size"}
    assert parse("page=2") == {"page": 2}
    parse("page=2")["page"] = 99  # the remembered result is never handed out to be changed
    assert parse("page=2") == {"page": 2}
    with pytest.raises(ValidationError) as second:
        parse("page_size=101")
    assert set(second.value.detail) == {"page_size"}
    assert parse("") == {}
