"""Cookie consent without an account: a new choice is a new record; necessary is always on."""

import uuid

import pytest

from shop.privacy.models import CookieConsent

pytestmark = pytest.mark.django_db

CHOICE = {"categories": {"preferences": True, "statistics": False, "marketing": False}, "policy_version": 3}


def test_anonymous_choice_then_a_new_choice_under_the_same_id(api_client):
    first = api_client.post("/api/v1/cookie-consents/?locale=et", CHOICE, format="json", REMOTE_ADDR="192.0.2.77")
    assert first.status_code == 201
    body = first.json()
    consent_id = body["consent_id"]
    uuid.UUID(consent_id)
    assert body["categories"] == {"necessary": True, "preferences": True, "statistics": False, "marketing": False}
    assert (body["policy_version"], body["locale"]) == (3, "et")

    changed = {"consent_id": consent_id, **CHOICE, "categories": {**CHOICE["categories"], "necessary": False}}
    changed["categories"]["statistics"] = True
    second = api_client.post("/api/v1/cookie-consents/", changed, format="json", REMOTE_ADDR="192.0.2.77")
    assert second.status_code == 201 and second.json()["consent_id"] == consent_id

    rows = list(CookieConsent.objects.filter(consent_id=consent_id).order_by("created_at", "pk"))
    assert [(r.statistics, r.necessary, r.user_id, r.ip) for r in rows] == [
        (False, True, None, "192.0.2.0"),
        (True, True, None, "192.0.2.0"),
    ]


def test_signed_in_choice_is_linked_to_the_user(auth_client, user):
    assert auth_client.post("/api/v1/cookie-consents/", CHOICE, format="json").status_code == 201
    assert CookieConsent.objects.get().user == user


def test_invalid_choice(api_client):
    response = api_client.post("/api/v1/cookie-consents/", {"categories": {}, "policy_version": 0}, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"categories.preferences", "policy_version"} <= set(fields)
