"""Password reset, log out everywhere, and the throttles on the endpoints attackers hammer."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail

from shop.accounts.models import AuthToken, UserSession
from tests.contract import ContractClient
from tests.factories import bearer_client

pytestmark = pytest.mark.django_db


def _reset(client, email, **extra):
    return client.post("/api/v1/auth/password-reset/", {"email": email}, format="json", **extra)


def test_password_reset_answers_202_whatever_the_email(api_client, user, django_capture_on_commit_callbacks):
    user.locale = "en"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        unknown = _reset(api_client, "nobody@example.com")
        known = _reset(api_client, "SHOPPER@example.com")
    assert unknown.status_code == known.status_code == 202
    assert unknown.content == known.content == b""
    assert [m.to for m in mail.outbox] == [["shopper@example.com"]]
    assert mail.outbox[0].subject == "Reset your Xmi password"


def test_password_reset_confirm_sets_the_password_and_signs_out_everywhere(
    api_client, user, django_capture_on_commit_callbacks
):
    other_device = bearer_client(user)
    with django_capture_on_commit_callbacks(execute=True):
        _reset(api_client, user.email)
    link = mail.outbox[0].body.split("?", 1)[1].split()[0]
    params = dict(part.split("=", 1) for part in link.split("&"))

    weak = api_client.post(
        "/api/v1/auth/password-reset/confirm/", {**params, "new_password": "12345678"}, format="json"
    )
    assert weak.status_code == 400
    assert weak.json()["error"]["code"] == "validation_error"
    assert "new_password" in weak.json()["error"]["fields"]

    ok = api_client.post(
        "/api/v1/auth/password-reset/confirm/", {**params, "new_password": "a much longer passphrase"}, format="json"
    )
    assert ok.status_code == 204
    user.refresh_from_db()
    assert user.check_password("a much longer passphrase")
    assert other_device.get("/api/v1/me/").status_code == 401

    reused = api_client.post(
        "/api/v1/auth/password-reset/confirm/", {**params, "new_password": "yet another passphrase"}, format="json"
    )
    assert reused.status_code == 400
    assert reused.json()["error"]["code"] == "invalid_token"


def test_logout_all_revokes_every_token_and_session(user):
    phone, laptop = bearer_client(user), bearer_client(user)
    browser = ContractClient()
    browser.force_login(user)  # fires user_logged_in: the session is linked to the user
    session_key = browser.session.session_key
    assert UserSession.objects.filter(user=user, session_key=session_key).exists()

    response = phone.post("/api/v1/auth/logout-all/")
    assert response.status_code == 204
    assert laptop.get("/api/v1/me/").status_code == 401
    assert phone.get("/api/v1/me/").status_code == 401
    assert AuthToken.objects.active().filter(user=user).count() == 0
    assert SESSION_KEY not in SessionStore(session_key=session_key).load()
    assert browser.get("/api/v1/me/").status_code == 401


def test_logout_all_ends_thousands_of_sessions_in_a_few_statements(
    user, django_user_model, django_assert_max_num_queries
):
    from django.contrib.sessions.models import Session

    from shop.accounts.services.sessions import sign_out_everywhere

    def sessions_of(someone, count: int) -> list[str]:
        keys = [f"{someone.pk}-{n:04d}".ljust(32, "x") for n in range(count)]
        Session.objects.bulk_create(
            Session(session_key=k, session_data="", expire_date="2099-01-01T00:00Z") for k in keys
        )
        UserSession.objects.bulk_create(UserSession(user=someone, session_key=k) for k in keys)
        return keys

    mine = sessions_of(user, 1201)  # three batches of at most 500
    other = django_user_model.objects.create_user(email="other@example.com", password=None)
    theirs = sessions_of(other, 2)
    with django_assert_max_num_queries(7):  # tokens, links, 3 session batches, links, (savepoint)
        assert sign_out_everywhere(user=user) == {"tokens": 0, "sessions": 1201}
    assert not Session.objects.filter(session_key__in=mine).exists()
    assert not UserSession.objects.filter(user=user).exists()
    assert Session.objects.filter(session_key__in=theirs).count() == 2  # nobody else's


def test_session_clients_need_csrf_for_unsafe_methods(user):
    browser = ContractClient(enforce_csrf_checks=True)
    browser.force_login(user)
    response = browser.patch("/api/v1/me/", {"first_name": "X"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"


@pytest.fixture
def tight_rates(monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**SimpleRateThrottle.THROTTLE_RATES, "password_reset": "100/hour", "password_reset_account": "2/hour"}
    rates.update({"verify": "2/hour", "support": "100/hour", "support_account": "1/hour"})
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


def test_password_reset_is_throttled_per_account_with_429(api_client, tight_rates):
    for ip in ("192.0.2.1", "192.0.2.2"):
        assert _reset(api_client, "shopper@example.com", REMOTE_ADDR=ip).status_code == 202
    response = _reset(api_client, "Shopper@Example.com", REMOTE_ADDR="192.0.2.3")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    # A different address is not affected, and the answer for it reveals nothing either.
    assert _reset(api_client, "someone@example.com", REMOTE_ADDR="192.0.2.3").status_code == 202


def test_verify_email_is_throttled_per_ip(api_client, tight_rates):
    for _ in range(2):
        assert api_client.post("/api/v1/auth/verify-email/", {"key": "x.y"}, format="json").status_code == 400
    response = api_client.post("/api/v1/auth/verify-email/", {"key": "x.y"}, format="json")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert "Retry-After" in response
