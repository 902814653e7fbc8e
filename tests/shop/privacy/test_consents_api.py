"""Marketing consent per channel, email double opt-in, RFC 8058 one-click unsubscribe, the
suppression list and the marketing email sender that refuses anyone without confirmed consent."""

import pytest
from django.core import mail

from shop.core.pseudonyms import email_hash, subject_ref
from shop.privacy.errors import MarketingConsentMissing
from shop.privacy.models import MarketingConsent, SuppressionEntry, consent_status
from shop.privacy.selectors import marketing_consent_active, marketing_consent_state, marketing_email_allowed
from shop.privacy.services import marketing_consent_record, send_marketing_email, unsubscribe_token_make

pytestmark = pytest.mark.django_db


def _confirmed(user):
    marketing_consent_record(user=user, channel="email", action="granted", source="signup", locale="fi")
    marketing_consent_record(user=user, channel="email", action="confirmed", source="confirmation_link", locale="fi")


def test_get_before_any_choice(auth_client, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = auth_client.get("/api/v1/me/consents/?locale=en")
    assert response.status_code == 200
    assert response.json()["sms"] == {
        "status": "none",
        "source": None,
        "changed_at": None,
        "wording": "",
        "current_wording": "I want to receive offers from Xmi OÜ by text message. I can withdraw consent at any time.",
    }
    assert response.json()["email"]["status"] == "none"


def test_email_double_opt_in(auth_client, api_client, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.put("/api/v1/me/consents/", {"email": True, "sms": True}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["email"]["status"] == "pending" and body["sms"]["status"] == "granted"
    assert body["email"]["source"] == "profile"
    assert body["email"]["wording"].startswith("Haluan saada Xmi OÜ:n tarjouksia")
    assert marketing_email_allowed(user=user) is False
    with pytest.raises(MarketingConsentMissing):
        send_marketing_email(user=user, subject="Sale", body="Tea -20%")

    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    token = mail.outbox[0].body.split("token=")[1].split()[0]
    # The link's page POSTs the token; no login needed.
    confirmed = api_client.post("/api/v1/consents/confirm/", {"token": token}, format="json")
    assert confirmed.status_code == 200
    assert confirmed.json() == {"channel": "email", "status": "granted"}
    assert auth_client.get("/api/v1/me/consents/").json()["email"]["status"] == "granted"
    assert marketing_email_allowed(user=user) is True
    actions = list(MarketingConsent.objects.filter(user=user, channel="email").values_list("action", "source"))
    assert actions == [("confirmed", "confirmation_link"), ("granted", "profile")]
    # Following the link twice is harmless.
    assert api_client.post("/api/v1/consents/confirm/", {"token": token}, format="json").status_code == 200
    assert MarketingConsent.objects.filter(user=user, channel="email").count() == 2


def test_confirmation_link_is_void_after_withdrawal(auth_client, api_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.put("/api/v1/me/consents/", {"email": True}, format="json")
    token = mail.outbox[0].body.split("token=")[1].split()[0]
    auth_client.put("/api/v1/me/consents/", {"email": False}, format="json")
    response = api_client.post("/api/v1/consents/confirm/", {"token": token}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_token"
    bad = api_client.post("/api/v1/consents/confirm/", {"token": "forged"}, format="json")
    assert bad.json()["error"]["code"] == "invalid_token"


def test_put_needs_a_channel(auth_client):
    response = auth_client.put("/api/v1/me/consents/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_repeating_a_choice_writes_no_new_record(auth_client, user):
    auth_client.put("/api/v1/me/consents/", {"sms": True}, format="json")
    auth_client.put("/api/v1/me/consents/", {"sms": True}, format="json")
    auth_client.put("/api/v1/me/consents/", {"sms": False}, format="json")
    auth_client.put("/api/v1/me/consents/", {"sms": False}, format="json")
    assert list(MarketingConsent.objects.filter(user=user).values_list("action", flat=True)) == [
        "withdrawn",
        "granted",
    ]


def test_marketing_email_carries_one_click_unsubscribe_headers(user, django_capture_on_commit_callbacks):
    _confirmed(user)
    with django_capture_on_commit_callbacks(execute=True):
        send_marketing_email(user=user, subject="Uutuuksia", body="Uusi tee saapui.")
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = [part.strip(" <>") for part in message.extra_headers["List-Unsubscribe"].split(",")]
    assert https.startswith("http://127.0.0.1:8000/api/v1/unsubscribe/") and https.endswith("/")
    assert mailto.startswith("mailto:unsubscribe@xmi.ee?subject=unsubscribe%20")
    token = https.rstrip("/").rsplit("/", 1)[1]
    # The body links to the storefront's page (GET there shows the state and a button); mail
    # clients POST to the header's API address.
    assert f"http://127.0.0.1:8000/unsubscribe/{token}" in message.body
    assert https not in message.body
    # Opaque: neither the address nor the pseudonym can be read from it.
    assert user.email not in token and subject_ref(user.pk) not in token


def test_unsubscribe_get_changes_nothing_and_post_withdraws(api_client, user):
    _confirmed(user)
    token = unsubscribe_token_make(user=user)
    url = f"/api/v1/unsubscribe/{token}/"

    shown = api_client.get(url)
    assert shown.status_code == 200
    assert shown.json() == {"channel": "email", "subscribed": True}
    assert MarketingConsent.objects.count() == 2 and SuppressionEntry.objects.count() == 0

    # What a mail provider sends (RFC 8058): form-encoded, no cookies, no CSRF token.
    done = api_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert done.status_code == 200
    assert done.json() == {"channel": "email", "subscribed": False}
    latest = MarketingConsent.objects.filter(user=user).first()
    assert (latest.action, latest.source) == ("withdrawn", "unsubscribe_link")
    assert SuppressionEntry.objects.filter(email_hash=email_hash(user.email)).count() == 1
    assert marketing_email_allowed(user=user) is False

    again = api_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert again.status_code == 200
    assert MarketingConsent.objects.filter(user=user).count() == 3
    assert SuppressionEntry.objects.count() == 1
    assert api_client.get(url).json() == {"channel": "email", "subscribed": False}


def test_unsubscribe_with_a_forged_token(api_client):
    for method in ("get", "post"):
        response = getattr(api_client, method)("/api/v1/unsubscribe/not-a-token/")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_token"


def test_send_marketing_email_refuses_without_confirmed_consent(user):
    with pytest.raises(MarketingConsentMissing):
        send_marketing_email(user=user, subject="x", body="y")
    marketing_consent_record(user=user, channel="sms", action="granted", source="profile", locale="fi")
    with pytest.raises(MarketingConsentMissing):
        send_marketing_email(user=user, subject="x", body="y")
    assert mail.outbox == []


def test_suppressed_address_stays_suppressed_until_a_new_double_opt_in(user, django_capture_on_commit_callbacks):
    _confirmed(user)
    SuppressionEntry.objects.create(email_hash=email_hash(user.email), reason="support")
    with pytest.raises(MarketingConsentMissing):
        send_marketing_email(user=user, subject="x", body="y")
    marketing_consent_record(user=user, channel="email", action="confirmed", source="confirmation_link", locale="fi")
    with django_capture_on_commit_callbacks(execute=True):
        send_marketing_email(user=user, subject="x", body="y")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("channel", "actions", "status"),
    [
        ("email", [], "none"),
        ("email", ["granted"], "pending"),
        ("email", ["granted", "confirmed"], "granted"),
        ("email", ["granted", "confirmed", "withdrawn"], "withdrawn"),
        ("sms", ["granted"], "granted"),
        ("sms", ["granted", "withdrawn"], "withdrawn"),
    ],
)
def test_one_consent_status_rule_for_the_api_and_for_sending(auth_client, user, channel, actions, status):
    """``consent_status`` is the only place that reads a status from the consent rows: the API's
    ``status`` and "may we send marketing" agree on it."""
    for action in actions:
        marketing_consent_record(user=user, channel=channel, action=action, source="profile", locale="fi")
    assert consent_status(marketing_consent_state(user=user)[channel]) == status
    assert auth_client.get("/api/v1/me/consents/").json()[channel]["status"] == status
    assert marketing_consent_active(user=user, channel=channel) is (status == "granted")
