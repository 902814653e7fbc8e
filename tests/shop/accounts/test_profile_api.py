"""GET/PATCH /api/v1/me/: E.164 phones, encrypted and masked refund IBAN, email re-verification."""

import pytest
from django.core import mail

from shop.accounts.models import User
from shop.accounts.services.profile import refund_iban_reveal
from tests.factories import make_order

pytestmark = pytest.mark.django_db

EE_IBAN = "EE38 2200 2210 2014 5685"
FI_IBAN = "FI21 1234 5600 0007 85"


def test_get_profile_shape_and_query_count(auth_client, user, django_assert_num_queries):
    with django_assert_num_queries(1):  # the token lookup, user joined
        response = auth_client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "email": "shopper@example.com",
        "first_name": "",
        "last_name": "",
        "phone": "",
        "locale": "fi",
        "email_verified": False,
        "pending_email": "",
        "refund_iban": "",
    }


def test_anonymous_gets_401(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_required"


@pytest.mark.parametrize(
    ("given", "stored"), [("+372 5123 4567", "+37251234567"), ("+358 40 123 4567", "+358401234567")]
)
def test_phone_is_stored_as_e164(auth_client, user, given, stored):
    response = auth_client.patch("/api/v1/me/", {"phone": given, "first_name": "Mari"}, format="json")
    assert response.status_code == 200
    assert response.json()["phone"] == stored
    user.refresh_from_db()
    assert str(user.phone) == stored and user.first_name == "Mari"


@pytest.mark.parametrize("given", ["5123 4567", "+372 12", "not a phone"])
def test_invalid_phone_is_refused_with_its_code(auth_client, user, given):
    response = auth_client.patch("/api/v1/me/", {"phone": given}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_phone"
    assert list(response.json()["error"]["fields"]) == ["phone"]
    user.refresh_from_db()
    assert str(user.phone) == ""


@pytest.mark.parametrize(("iban", "masked"), [(EE_IBAN, "EE**************5685"), (FI_IBAN, "FI************0785")])
def test_refund_iban_is_encrypted_at_rest_and_returned_masked(auth_client, user, iban, masked):
    response = auth_client.patch("/api/v1/me/", {"refund_iban": iban}, format="json")
    assert response.status_code == 200
    assert response.json()["refund_iban"] == masked
    assert auth_client.get("/api/v1/me/").json()["refund_iban"] == masked
    user.refresh_from_db()
    compact = iban.replace(" ", "")
    assert compact not in user.refund_iban_encrypted and compact[-10:] not in user.refund_iban_encrypted
    assert refund_iban_reveal(user=user) == compact


def test_invalid_iban_is_refused_with_its_code(auth_client):
    response = auth_client.patch("/api/v1/me/", {"refund_iban": "EE38 2200 2210 2014 5684"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_iban"
    assert "refund_iban" in response.json()["error"]["fields"]


def test_iban_cannot_be_cleared_while_a_refund_is_pending(auth_client, user):
    auth_client.patch("/api/v1/me/", {"refund_iban": EE_IBAN}, format="json")
    make_order(user, refund_pending=True)
    response = auth_client.patch("/api/v1/me/", {"refund_iban": ""}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "refund_pending"
    user.refresh_from_db()
    assert user.refund_iban_masked == "EE**************5685"


def test_unknown_locale_is_a_validation_error(auth_client):
    response = auth_client.patch("/api/v1/me/", {"locale": "sv"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert "locale" in response.json()["error"]["fields"]


def test_email_change_needs_verification_by_the_new_address(
    auth_client, api_client, user, django_capture_on_commit_callbacks
):
    user.locale = "et"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.patch("/api/v1/me/", {"email": "New@Example.ee"}, format="json")
    assert response.status_code == 200
    assert response.json()["email"] == "shopper@example.com"
    assert response.json()["pending_email"] == "new@example.ee"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.ee"]
    assert message.subject == "Kinnita oma e-posti aadress Xmi poes"  # the user's locale
    key = message.body.split("key=")[1].split()[0]

    response = api_client.post("/api/v1/auth/verify-email/", {"key": key}, format="json")
    assert response.status_code == 200
    assert response.json() == {"email_verified": True}
    user.refresh_from_db()
    assert (user.email, user.pending_email, user.email_verified) == ("new@example.ee", "", True)

    again = api_client.post("/api/v1/auth/verify-email/", {"key": key}, format="json")
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invalid_key"


def test_email_change_to_a_taken_address_looks_the_same(
    auth_client, other_user, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.patch("/api/v1/me/", {"email": other_user.email}, format="json")
    assert response.status_code == 200
    assert response.json()["pending_email"] == other_user.email
    assert len(mail.outbox) == 1 and "key=" not in mail.outbox[0].body  # a notice, not a link
    assert User.objects.get(pk=user.pk).email == "shopper@example.com"


def test_verify_email_with_a_bad_key(api_client):
    response = api_client.post("/api/v1/auth/verify-email/", {"key": "MQ.bogus-token"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_key"
