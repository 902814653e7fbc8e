"""Locale negotiation: ``?locale=``, else Accept-Language, else ``fi``; Content-Language says which."""

import pytest

from shop.core.locale import locale_from_accept_language, negotiate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        ("et", "en", "et"),  # the query parameter wins
        ("EN", "", "en"),
        (None, "et-EE,et;q=0.9,en;q=0.8", "et"),
        (None, "de-DE, en;q=0.5", "en"),  # first supported by quality
        (None, "en;q=0.3, et;q=0.9", "et"),
        (None, "de, fr", "fi"),  # nothing supported: the default
        (None, "", "fi"),
        (None, "*", "fi"),
    ],
)
def test_negotiate(query, accept, expected):
    assert negotiate(query, accept) == expected


def test_accept_language_region_matches_language():
    assert locale_from_accept_language("fi-FI") == "fi"


@pytest.mark.parametrize(
    ("url", "headers", "expected"),
    [
        ("/api/v1/schema/?locale=et", {}, "et"),
        ("/api/v1/schema/", {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, "en"),
        ("/api/v1/schema/", {}, "fi"),
    ],
)
def test_api_response_carries_content_language(client, url, headers, expected):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Language"] == expected
    assert "Accept-Language" in response["Vary"]


def test_unsupported_locale_is_a_400_in_the_envelope(client):
    response = client.get("/api/v1/schema/?locale=de")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unsupported_locale"
    assert list(error["fields"]) == ["locale"]
