"""The database goes away: /healthz and the API answer 503 (the API in the envelope, with
Retry-After), and everything works again once it is back. Here the connection is made to fail in
process; test_faults_postgres.py cuts a real PostgreSQL connection under gunicorn."""

import pytest
from django.db import OperationalError, connection
from rest_framework.test import APIClient

from shop.accounts.models import AuthToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def bearer(user) -> APIClient:
    _token, raw = AuthToken.issue(user)
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def refuse(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_the_api_answers_503_in_the_envelope_and_recovers(bearer, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        down = bearer.get("/api/v1/me/?locale=en")
        health = bearer.get("/healthz")
    assert down.status_code == 503
    assert down.json() == {
        "error": {
            "code": "service_unavailable",
            "message": "The service is temporarily unavailable. Please try again shortly.",
        }
    }
    assert down["Retry-After"] == "5"
    assert down["Cache-Control"] == "no-store"
    assert (health.status_code, health.json()) == (503, {"status": "unavailable", "database": "unreachable"})

    assert bearer.get("/api/v1/me/").status_code == 200
    assert bearer.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_a_failure_outside_a_view_is_503_too(monkeypatch, user):
    """A session cookie is looked up by middleware-level code (here: the admin's login check)."""
    client = APIClient(raise_request_exception=False)
    client.force_login(user)
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        api = client.get("/api/v1/me/")
        page = client.get("/admin/")
    assert (api.status_code, api.json()["error"]["code"]) == (503, "service_unavailable")
    assert page.status_code == 503
    assert page["Retry-After"] == "5"
    assert client.get("/api/v1/me/").status_code == 200


def test_an_integrity_error_is_not_mistaken_for_an_outage(bearer, monkeypatch):
    """Only a lost connection is a 503; other database errors stay what they are."""
    from django.db import IntegrityError

    def conflict(*args, **kwargs):
        raise IntegrityError("duplicate key")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", conflict)
        response = bearer.get("/api/v1/me/")
    assert (response.status_code, response.json()["error"]["code"]) == (500, "server_error")
