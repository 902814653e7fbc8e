"""The address book: country-aware postcodes, and other people's addresses are 404."""

import pytest

from shop.accounts.models import Address

pytestmark = pytest.mark.django_db

EE_ADDRESS = {
    "first_name": "Mari",
    "last_name": "Maasikas",
    "line1": "Pikk 1",
    "postcode": "10123",
    "city": "Tallinn",
    "country": "EE",
    "phone": "+372 5123 4567",
}
FI_ADDRESS = {**EE_ADDRESS, "line1": "Mannerheimintie 1", "postcode": "00100", "city": "Helsinki", "country": "FI"}


def test_create_list_update_delete(auth_client, user, django_assert_num_queries):
    created = auth_client.post("/api/v1/me/addresses/", EE_ADDRESS, format="json")
    assert created.status_code == 201
    body = created.json()
    assert body["postcode"] == "10123" and body["phone"] == "+37251234567" and body["line2"] == ""
    auth_client.post("/api/v1/me/addresses/", {**FI_ADDRESS, "postcode": "FI-00100"}, format="json")

    with django_assert_num_queries(3):  # token, count, page
        listed = auth_client.get("/api/v1/me/addresses/")
    assert listed.status_code == 200
    assert listed.json()["count"] == 2
    assert [a["country"] for a in listed.json()["results"]] == ["FI", "EE"]
    assert listed.json()["results"][0]["postcode"] == "00100"

    url = f"/api/v1/me/addresses/{body['id']}/"
    patched = auth_client.patch(url, {"city": "Tartu", "postcode": "51003"}, format="json")
    assert patched.status_code == 200
    assert (patched.json()["city"], patched.json()["postcode"]) == ("Tartu", "51003")
    assert auth_client.delete(url).status_code == 204
    assert list(Address.objects.filter(user=user).values_list("country", flat=True)) == ["FI"]


@pytest.mark.parametrize(
    ("country", "postcode"), [("EE", "00100"), ("EE", "1012"), ("FI", "0010"), ("FI", "ABCDE"), ("EE", "101234")]
)
def test_postcode_must_fit_the_country(auth_client, country, postcode):
    response = auth_client.post(
        "/api/v1/me/addresses/", {**EE_ADDRESS, "country": country, "postcode": postcode}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_postcode"
    assert list(response.json()["error"]["fields"]) == ["postcode"]
    assert Address.objects.count() == 0


def test_changing_the_country_rechecks_the_postcode(auth_client):
    address = auth_client.post("/api/v1/me/addresses/", FI_ADDRESS, format="json").json()
    response = auth_client.patch(f"/api/v1/me/addresses/{address['id']}/", {"country": "EE"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_postcode"


def test_missing_fields_and_unknown_country(auth_client):
    response = auth_client.post("/api/v1/me/addresses/", {"country": "SE"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert {"first_name", "last_name", "line1", "postcode", "city", "country"} <= set(error["fields"])


def test_another_users_address_is_404_on_every_method(auth_client, other_user):
    theirs = Address.objects.create(user=other_user, **{**EE_ADDRESS, "phone": ""})
    url = f"/api/v1/me/addresses/{theirs.pk}/"
    for method in ("get", "patch", "delete"):
        response = getattr(auth_client, method)(url, {"city": "Narva"}, format="json")
        assert response.status_code == 404, method
        assert response.json()["error"]["code"] == "not_found"
    theirs.refresh_from_db()
    assert theirs.city == "Tallinn"
