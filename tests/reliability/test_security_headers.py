"""Security headers on the storefront (served by WhiteNoise), the API and the Wagtail admin; CSRF
for session clients; a session logout ends the bearer token of the same login."""

import pytest
from rest_framework.test import APIClient

from shop.accounts.models import AuthToken

pytestmark = pytest.mark.django_db

PATHS = ["/", "/api/v1/products/", "/admin/login/"]


@pytest.fixture
def production_transport(settings):
    """The transport settings of config/settings/production.py (test.py leaves them off)."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


@pytest.mark.parametrize("path", PATHS)
def test_every_entry_point_sends_the_security_headers(client, production_transport, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"].startswith("camera=(), microphone=()")
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp or "default-src 'none'" in csp
    assert "'unsafe-eval'" not in csp


def directives(response) -> dict[str, list[str]]:
    return {
        name: sources for name, *sources in (part.split() for part in response["Content-Security-Policy"].split(";"))
    }


def test_the_storefront_policy_allows_nothing_inline_or_foreign(client):
    csp = directives(client.get("/"))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]


def test_api_answers_render_nothing(client):
    csp = directives(client.get("/api/v1/products/"))
    assert csp == {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}


def test_api_docs_load_their_script_from_a_file(client):
    page = client.get("/api/v1/docs/")
    csp = directives(page)
    assert csp["script-src"] == ["'self'"]
    assert b"<script src=" in page.content or b'src="' in page.content
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


def test_the_admin_policy_keeps_everything_on_our_origin(client):
    csp = directives(client.get("/admin/login/"))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


def test_session_cookies_are_secure_httponly_and_samesite(production_transport, user):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/login/", {"email": user.email, "password": "correct horse battery"}, format="json", secure=True
    )
    assert response.status_code == 200
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_a_session_client_must_send_the_csrf_token(user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.patch("/api/v1/me/", {"first_name": "Mallory"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    user.refresh_from_db()
    assert user.first_name != "Mallory"

    client.get("/api/v1/csrf/")
    token = client.cookies["csrftoken"].value
    response = client.patch("/api/v1/me/", {"first_name": "Ada"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.first_name == "Ada"


def test_a_bearer_client_needs_no_csrf_token(user):
    _token, raw = AuthToken.issue(user)
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.patch("/api/v1/me/", {"first_name": "Ada"}, format="json").status_code == 200


def test_a_session_logout_also_revokes_the_token_of_the_same_login(user):
    browser = APIClient()
    login = browser.post(
        "/api/v1/auth/login/", {"email": user.email, "password": "correct horse battery"}, format="json"
    )
    raw = login.json()["token"]
    other_login = APIClient().post(
        "/api/v1/auth/login/", {"email": user.email, "password": "correct horse battery"}, format="json"
    )
    other_raw = other_login.json()["token"]

    assert browser.post("/api/v1/auth/logout/").status_code == 204

    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = bearer.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert browser.get("/api/v1/me/").status_code == 401
    # Another login's token is not touched.
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Bearer {other_raw}")
    assert other.get("/api/v1/me/").status_code == 200
    assert AuthToken.objects.filter(revoked_at__isnull=False).count() == 1
