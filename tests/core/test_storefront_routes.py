"""The storefront's client-side routes are answered with its index.html (so reloads and links from
emails land in the app); API, admin and missing files keep their own answers. The session probe
answers every visitor 200, so an anonymous page load logs no 401."""

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db

ROUTES = [
    "/products/villasukat",
    "/account",
    "/account/verify-email?key=abc",
    "/account/password-reset?uid=x&token=y",
    "/consents/confirm?token=abc",
    "/unsubscribe/abc",
    "/unsubscribe/.eJwNwrkRAzEIAMBeFDvgP6jF4wAE9F_CeXa_h0wt7p:1xYCIl:ntWBs64TEiSsmygjFHrlX4UHSCkXTN7N",
    "/policies/privacy/diff?from=1&to=2",
]


@pytest.fixture
def index(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>Xmi app</title>")
    with override_settings(WHITENOISE_ROOT=tmp_path):
        yield


@pytest.mark.parametrize("path", ROUTES)
def test_client_side_routes_get_the_app(client, index, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.content == b"<!doctype html><title>Xmi app</title>"
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/assets/missing-abcdef12.js", "/favicon.ico", "/products/x/image.png"])
def test_a_missing_file_is_404_not_the_app(client, index, path):
    assert client.get(path).status_code == 404


def test_api_paths_keep_their_json_404(client, index):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_only_get_is_routed(client, index):
    assert client.post("/products/villasukat").status_code == 405


def test_the_built_app_or_the_placeholder_is_what_is_served(client):
    response = client.get("/account")
    assert response.status_code == 200
    assert response.content == (settings.WHITENOISE_ROOT / "index.html").read_bytes()


def test_session_probe_answers_anonymous_visitors_200_and_sets_the_csrf_cookie(client):
    response = client.get("/api/v1/auth/session/")
    assert response.status_code == 200
    assert response.json() == {"authenticated": False, "user": None}
    assert "csrftoken" in response.cookies


def test_session_probe_returns_the_signed_in_profile(client, django_user_model):
    user = django_user_model.objects.create_user(
        email="maija@example.fi", password="a long passphrase", first_name="Maija"
    )
    client.force_login(user)
    response = client.get("/api/v1/auth/session/")
    assert response.status_code == 200
    body = response.json()
    assert body["authenticated"] is True
    assert body["user"]["id"] == user.pk
    assert (body["user"]["email"], body["user"]["first_name"]) == ("maija@example.fi", "Maija")
    assert set(body["user"]) == {
        "id",
        "email",
        "first_name",
        "last_name",
        "phone",
        "locale",
        "email_verified",
        "pending_email",
        "refund_iban",
    }
