"""Wagtail's pages API at /api/v2/ (served only with WAGTAIL_API_V2_ENABLED): bad input is a 4xx
in the envelope, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


def assert_envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    return body["error"]


def test_pages_list_still_works(api_client, homes):
    response = api_client.get("/api/v2/pages/", {"offset": "0", "limit": "5", "search": "welcome"})
    assert response.status_code == 200
    assert set(response.json()) == {"meta", "items"}


@pytest.mark.parametrize(
    "query",
    [
        {"offset": "99999999999999999999999"},
        {"limit": "99999999999999999999999"},
        {"offset": "-1"},
        {"offset": "abc"},
        {"offset": "١"},  # an Arabic-Indic digit: str.isdigit() but not a number Wagtail can slice by
    ],
)
def test_bad_offset_or_limit_is_400_in_the_envelope(api_client, homes, query):
    error = assert_envelope(api_client.get("/api/v2/pages/", query), 400, "bad_request")
    assert list(error["fields"]) == ["query"]


@pytest.mark.parametrize("search", ["a\x00b", '"', 'villa "', "\x00"])
def test_search_with_nul_or_quote_is_answered(api_client, homes, search):
    response = api_client.get("/api/v2/pages/", {"search": search})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 0


def test_unknown_parameter_is_400_in_the_envelope(api_client, homes):
    assert_envelope(api_client.get("/api/v2/pages/", {"nope": "1"}), 400, "bad_request")


def test_unknown_page_is_404_in_the_envelope(api_client, homes):
    assert_envelope(api_client.get("/api/v2/pages/999999/"), 404, "not_found")
    assert_envelope(api_client.get("/api/v2/pages/99999999999999999999999/"), 404, "not_found")


def test_unknown_v2_path_is_404_in_the_envelope(api_client):
    assert_envelope(api_client.get("/api/v2/nothing-here/"), 404, "not_found")


def test_not_served_unless_switched_on(api_client, settings):
    """Nothing of the shop uses /api/v2/, so by default (production) it is not served: a JSON 404
    in the envelope, like any other unknown /api/ path."""
    import importlib

    from django.urls import clear_url_caches

    import config.urls

    settings.WAGTAIL_API_V2_ENABLED = False
    try:
        importlib.reload(config.urls)
        clear_url_caches()
        for path in ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/", "/api/v2/pages/1/"):
            assert_envelope(api_client.get(path), 404, "not_found")
    finally:
        settings.WAGTAIL_API_V2_ENABLED = True
        importlib.reload(config.urls)
        clear_url_caches()
    assert api_client.get("/api/v2/pages/").status_code == 200
