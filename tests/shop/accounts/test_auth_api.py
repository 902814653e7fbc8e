"""Register (user + receipts + consents in one transaction), login and logout."""

import pytest

from policies.models import PolicyReceipt, PolicyVersionText
from shop.accounts.models import AuthToken, User
from shop.privacy.models import MarketingConsent
from tests.policies.fixtures import body, republish

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/auth/register/"
LOGIN = "/api/v1/auth/login/"
LOGOUT = "/api/v1/auth/logout/"
PASSWORD = "a long enough passphrase"


def ack(kind="privacy", version=1, locale="fi"):
    text = PolicyVersionText.objects.get(version__kind=kind, version__version=version, locale=locale)
    return {"kind": kind, "version": version, "locale": locale, "sha256": text.sha256}


def signup(**overrides):
    data = {
        "email": "Maija@Example.com",
        "password": PASSWORD,
        "first_name": "Maija",
        "last_name": "Meikäläinen",
        "phone": "+358401234567",
        "locale": "fi",
        "acknowledgements": [],
        "marketing": {"email": False, "sms": False},
    }
    data.update(overrides)
    return data


@pytest.fixture
def policies(make_policy):
    privacy = make_policy("privacy", "fi")
    make_policy("terms", "fi")
    return privacy


def nothing_created():
    return not User.objects.exists() and not PolicyReceipt.objects.exists() and not MarketingConsent.objects.exists()


def test_register_creates_user_receipts_and_consents(api_client, policies, django_assert_max_num_queries):
    data = signup(acknowledgements=[ack(), ack("terms")], marketing={"sms": True})
    r = api_client.post(REGISTER, data, format="json", REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT="UA")
    assert r.status_code == 201, r.json()
    body_ = r.json()
    user = User.objects.get()
    assert body_["user"] == {
        "id": user.pk,
        "email": "maija@example.com",
        "first_name": "Maija",
        "last_name": "Meikäläinen",
        "phone": "+358401234567",
        "locale": "fi",
        "email_verified": False,
        "pending_email": "",
        "refund_iban": "",
    }
    assert AuthToken.find_active(body_["token"]).user == user
    receipts = PolicyReceipt.objects.order_by("seq")
    assert [(r.version.kind, r.context, r.ip, r.user_agent) for r in receipts] == [
        ("privacy", "signup", "198.51.100.0", "UA"),
        ("terms", "signup", "198.51.100.0", "UA"),
    ]
    # Marketing defaults to off: only the channel opted into is recorded, pending.
    consents = list(MarketingConsent.objects.values_list("channel", "action", "source"))
    assert consents == [("sms", "granted", "signup")]
    # The token works, and so does the session cookie.
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {body_['token']}")
    assert api_client.get("/api/v1/me/").json()["email"] == "maija@example.com"


@pytest.mark.parametrize("case", ["missing", "stale", "wrong_hash", "other_locale_text"])
def test_register_refuses_without_a_valid_privacy_acknowledgement(api_client, policies, make_policy, case):
    locale = "fi"
    if case == "missing":
        acks = [ack("terms")]
    elif case == "stale":
        acks = [ack()]
        republish(policies, body=body("v2"))
    elif case == "wrong_hash":
        acks = [{**ack(), "sha256": "0" * 64}]
    else:  # an Estonian shopper is served the Estonian text; the Finnish one's hash does not do
        make_policy("privacy", "et")
        locale = "et"
        acks = [ack(version=2, locale="fi")]
    r = api_client.post(REGISTER, signup(acknowledgements=acks, locale=locale), format="json")
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["code"] == "policy_acknowledgement_required"
    assert list(error["fields"]) == ["acknowledgements.privacy"]
    current = {item["kind"]: item for item in error["details"]["current"]}
    assert set(current) == {"privacy", "terms"}
    assert current["privacy"]["version"] == (1 if case in ("missing", "wrong_hash") else 2)
    assert current["privacy"]["locale"] == locale
    assert nothing_created()


def test_register_validates_password_and_email(api_client, policies, user, django_capture_on_commit_callbacks):
    from django.core import mail

    r = api_client.post(REGISTER, signup(acknowledgements=[ack()], password="short"), format="json")
    assert (r.status_code, r.json()["error"]["code"]) == (400, "validation_error")
    assert "password" in r.json()["error"]["fields"]
    with django_capture_on_commit_callbacks() as callbacks:
        r = api_client.post(REGISTER, signup(acknowledgements=[ack()], email="SHOPPER@example.com"), format="json")
    assert (r.status_code, list(r.json()["error"]["fields"])) == (400, ["email"])
    # The owner of the taken address hears about the attempt, after commit, not from inside a transaction.
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["shopper@example.com"]]
    r = api_client.post(REGISTER, signup(phone="12"), format="json")
    assert (r.status_code, r.json()["error"]["code"]) == (400, "validation_error")
    assert User.objects.count() == 1 and not PolicyReceipt.objects.exists()


def test_login_session_and_token_then_logout(api_client, user):
    r = api_client.post(LOGIN, {"email": "SHOPPER@example.com", "password": "correct horse battery"}, format="json")
    assert r.status_code == 200
    token = r.json()["token"]
    assert r.json()["user"]["email"] == "shopper@example.com"
    assert "sessionid" in r.cookies
    assert api_client.get("/api/v1/me/").status_code == 200  # via the session cookie

    bearer = type(api_client)()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert bearer.get("/api/v1/me/").status_code == 200
    assert bearer.post(LOGOUT).status_code == 204
    assert AuthToken.objects.get().revoked_at is not None
    assert bearer.get("/api/v1/me/").status_code == 401


def test_logout_ends_the_session(user):
    from tests.contract import ContractClient

    client = ContractClient(enforce_csrf_checks=False)
    assert (
        client.post(LOGIN, {"email": user.email, "password": "correct horse battery"}, format="json").status_code == 200
    )
    assert client.post(LOGOUT).status_code == 204
    assert client.get("/api/v1/me/").status_code == 401


def test_wrong_email_and_wrong_password_look_the_same(api_client, user):
    wrong_password = api_client.post(LOGIN, {"email": user.email, "password": "nope"}, format="json")
    wrong_email = api_client.post(LOGIN, {"email": "nobody@example.com", "password": "nope"}, format="json")
    assert wrong_password.status_code == wrong_email.status_code == 400
    assert wrong_password.json() == wrong_email.json()
    assert wrong_email.json()["error"]["code"] == "invalid_credentials"


def test_login_accepts_a_cart_token(api_client, user):
    r = api_client.post(
        LOGIN, {"email": user.email, "password": "correct horse battery", "cart_token": "abc"}, format="json"
    )
    assert r.status_code == 200


def test_register_sends_verification_and_starts_email_double_opt_in(
    api_client, policies, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        r = api_client.post(REGISTER, signup(acknowledgements=[ack()], marketing={"email": True}), format="json")
    assert r.status_code == 201, r.json()
    assert sorted(m.to[0] for m in mail.outbox) == ["maija@example.com", "maija@example.com"]
    assert len({m.subject for m in mail.outbox}) == 2  # one verification link, one consent confirmation
    consent = MarketingConsent.objects.get()
    assert (consent.channel, consent.action, consent.source) == ("email", "granted", "signup")  # pending


def test_browser_login_needs_the_csrf_token_native_clients_do_not(user):
    from tests.contract import ContractClient

    credentials = {"email": user.email, "password": "correct horse battery"}
    browser = ContractClient(enforce_csrf_checks=True)
    # A cross-site form or fetch (login CSRF) carries Origin but no token: refused.
    r = browser.post(LOGIN, credentials, format="json", HTTP_ORIGIN="https://evil.example")
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf_failed"
    assert "sessionid" not in r.cookies
    # Our own frontend fetches the token first and sends it back.
    token = browser.get("/api/v1/csrf/").cookies["csrftoken"].value
    r = browser.post(LOGIN, credentials, format="json", HTTP_ORIGIN="http://testserver", HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 200 and "sessionid" in r.cookies
    # A native client sends no Origin and uses the bearer token.
    assert ContractClient(enforce_csrf_checks=True).post(LOGIN, credentials, format="json").status_code == 200
