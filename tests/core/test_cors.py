"""CORS: only origins named in CORS_ALLOWED_ORIGINS may call the API from a browser."""

import pytest

pytestmark = pytest.mark.django_db


def preflight(client, origin: str):
    return client.options(
        "/api/v1/products/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )


def test_no_origin_is_allowed_by_default(client):
    response = preflight(client, "https://shop.example")
    assert "access-control-allow-origin" not in {k.lower() for k in response.headers}


def test_a_configured_origin_is_allowed_and_others_are_not(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://headless.example"]
    allowed = preflight(client, "https://headless.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://headless.example"
    assert allowed["Access-Control-Allow-Credentials"] == "true"
    other = preflight(client, "https://evil.example")
    assert "access-control-allow-origin" not in {k.lower() for k in other.headers}


def test_cors_applies_to_the_api_only(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://headless.example"]
    response = client.options("/admin/login/", HTTP_ORIGIN="https://headless.example")
    assert "access-control-allow-origin" not in {k.lower() for k in response.headers}
