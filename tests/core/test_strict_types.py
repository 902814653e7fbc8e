"""JSON bodies must have the types the schema documents (shop/core/strict.py): DRF alone turned a
number into text, 0/1 into booleans and false into the UUID 00000000-..., accepting bodies the
schema calls invalid. Query strings, where everything is text, are unaffected."""

import pytest

from tests.factories import bearer_client

pytestmark = pytest.mark.django_db


def fields_of(response) -> dict:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    return error["fields"]


@pytest.mark.parametrize("value", [0, 1.5, True, ["Maasikas"], {"x": 1}])
def test_a_text_field_refuses_other_json_types(user, value):
    client = bearer_client(user)
    assert "last_name" in fields_of(client.patch("/api/v1/me/", {"last_name": value}, format="json"))
    user.refresh_from_db()
    assert user.last_name == ""
    ok = client.patch("/api/v1/me/", {"last_name": "Maasikas"}, format="json")
    assert (ok.status_code, ok.json()["last_name"]) == (200, "Maasikas")


@pytest.mark.parametrize("value", [0, 1, 0.0, "maybe"])
def test_a_boolean_field_refuses_numbers(user, value):
    client = bearer_client(user)
    assert "sms" in fields_of(client.put("/api/v1/me/consents/", {"sms": value}, format="json"))
    assert client.put("/api/v1/me/consents/", {"sms": False}, format="json").status_code == 200


@pytest.mark.parametrize("value", [False, 0, 12345])
def test_a_uuid_field_refuses_booleans_and_numbers(api_client, value):
    body = {
        "consent_id": value,
        "categories": {"preferences": False, "statistics": False, "marketing": False},
        "policy_version": 1,
    }
    assert "consent_id" in fields_of(api_client.post("/api/v1/cookie-consents/", body, format="json"))
