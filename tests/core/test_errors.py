"""Every kind of error reaches the client in the one envelope of API.md."""

import json

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.urls")]


def assert_envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_serializer_validation_error_lists_fields(api_client):
    response = api_client.post("/api/v1/test/validate/", {"email": "nope", "quantity": 0}, format="json")
    error = assert_envelope(response, 400, "validation_error")
    assert set(error["fields"]) == {"email", "quantity"}
    assert all(isinstance(m, str) for messages in error["fields"].values() for m in messages)


def test_django_validation_error_becomes_validation_error(api_client):
    error = assert_envelope(api_client.get("/api/v1/test/django-validation/"), 400, "validation_error")
    assert error["fields"] == {"postcode": ["Enter a valid postcode."]}


def test_not_signed_in_is_401_with_bearer_challenge(api_client):
    response = api_client.get("/api/v1/me/")
    error = assert_envelope(response, 401, "authentication_required")
    assert "fields" not in error
    assert response["WWW-Authenticate"] == "Bearer"


def test_invalid_bearer_token_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")
    assert_envelope(api_client.get("/api/v1/me/"), 401, "authentication_failed")


def test_permission_denied_is_403(api_client):
    assert_envelope(api_client.get("/api/v1/test/forbidden/"), 403, "permission_denied")


def test_unknown_api_path_is_404_json(api_client):
    assert_envelope(api_client.get("/api/v1/no-such-thing/"), 404, "not_found")


def test_wrong_method_is_405(api_client):
    assert_envelope(api_client.delete("/api/v1/test/validate/"), 405, "method_not_allowed")


def test_unsupported_media_type_is_415(api_client):
    response = api_client.post("/api/v1/test/validate/", data="email=a", content_type="text/plain")
    assert_envelope(response, 415, "unsupported_media_type")


def test_malformed_json_is_400(api_client):
    response = api_client.post("/api/v1/test/validate/", data='{"email": ', content_type="application/json")
    assert_envelope(response, 400, "malformed_request")


@override_settings(API_MAX_BODY_BYTES=64)
def test_body_over_limit_is_413(api_client):
    payload = json.dumps({"email": "a@example.com", "padding": "x" * 100})
    response = api_client.post("/api/v1/test/validate/", data=payload, content_type="application/json")
    assert_envelope(response, 413, "request_too_large")


@override_settings(API_MAX_BODY_BYTES=64)
def test_json_parser_bounds_a_body_without_content_length():
    """A body whose length was not declared up front is still read only up to the limit."""
    import io

    from shop.core.api import LimitedJSONParser, RequestTooLarge

    payload = json.dumps({"padding": "x" * 100}).encode()
    with pytest.raises(RequestTooLarge):
        LimitedJSONParser().parse(io.BytesIO(payload))
    assert LimitedJSONParser().parse(io.BytesIO(b'{"a": 1}')) == {"a": 1}


def test_throttled_is_429_with_retry_after(api_client):
    assert api_client.get("/api/v1/test/throttled/").status_code == 200
    response = api_client.get("/api/v1/test/throttled/")
    assert_envelope(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_domain_error_keeps_its_code_status_and_details(api_client):
    error = assert_envelope(api_client.get("/api/v1/test/domain-error/"), 409, "conflict")
    assert error == {"code": "conflict", "message": "Only 2 left in stock.", "details": {"available": 2}}


def test_unhandled_bug_is_500_in_the_envelope_not_html(client):
    client.raise_request_exception = False
    assert_envelope(client.get("/api/v1/test/crash/"), 500, "server_error")


def test_csrf_failure_for_session_client_is_403_csrf_failed(user):
    from tests.contract import ContractClient

    client = ContractClient(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/api/v1/test/validate/", {"email": "a@example.com", "quantity": 1}, format="json")
    assert_envelope(response, 403, "csrf_failed")


def test_error_message_is_in_the_requested_locale(api_client):
    en = api_client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    fi = api_client.get("/api/v1/me/?locale=fi")
    assert en.json()["error"]["code"] == fi.json()["error"]["code"] == "authentication_required"
    assert en.json()["error"]["message"] != fi.json()["error"]["message"]
    assert fi["Content-Language"] == "fi"


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing/", "/api/v1/no-such-thing", "/api/v2/nothing/", "/api/x"])
def test_unknown_api_path_is_404_json_also_under_debug(api_client, settings, path):
    settings.DEBUG = True
    error = assert_envelope(api_client.get(path, HTTP_ACCEPT_LANGUAGE="en"), 404, "not_found")
    assert error["message"] == "Not found."


def test_post_without_trailing_slash_under_debug_is_404_json_naming_the_path(api_client, settings):
    """Django's APPEND_SLASH would raise (and render its HTML debug page) for a POST under DEBUG."""
    settings.DEBUG = True
    response = api_client.post(
        "/api/v1/auth/login?locale=en", {"email": "a@example.com", "password": "x"}, format="json"
    )
    error = assert_envelope(response, 404, "not_found")
    assert error["message"] == "Not found. API paths end with a slash: /api/v1/auth/login/"


def test_get_without_trailing_slash_is_404_json_not_a_redirect(api_client):
    assert_envelope(api_client.get("/api/v1/policies"), 404, "not_found")
