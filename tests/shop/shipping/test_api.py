"""Shipping methods per country with prices, and pickup-point search."""

import pytest

pytestmark = pytest.mark.django_db


def test_methods_for_a_country_with_vat_included_prices(api_client, shop_setup):
    response = api_client.get("/api/v1/shipping-methods/?country=EE")
    assert response.status_code == 200
    assert response.json() == {
        "country": "EE",
        "results": [
            {
                "code": "courier-ee",
                "name": "DPD courier",
                "carrier": "dpd",
                "kind": "courier",
                "country": "EE",
                "price": {"gross": "6.99", "net": "5.64", "vat_rate": "24.00", "currency": "EUR"},
            },
            {
                "code": "omniva-ee",
                "name": "Omniva",
                "carrier": "omniva",
                "kind": "pickup_point",
                "country": "EE",
                "price": {"gross": "3.99", "net": "3.22", "vat_rate": "24.00", "currency": "EUR"},
            },
        ],
    }
    fi = api_client.get("/api/v1/shipping-methods/", HTTP_ACCEPT_LANGUAGE="fi").json()
    assert fi["country"] == "FI" and [m["price"]["gross"] for m in fi["results"]] == ["5.01"]
    bad = api_client.get("/api/v1/shipping-methods/?country=SE")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "validation_error"


def test_pickup_point_search_by_carrier_country_and_accent_free_prefix(
    api_client, shop_setup, django_assert_num_queries
):
    with django_assert_num_queries(2):  # count, page
        response = api_client.get("/api/v1/pickup-points/?carrier=dpd&q=paasku")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": "dpd:EE90288",
            "carrier": "dpd",
            "country": "EE",
            "name": "DPD Pakiautomaat Pääsküla Rimi",
            "address": "Pärnu mnt 421",
            "postcode": "10913",
            "city": "Tallinn",
            "lat": 59.36921,
            "lng": 24.63866,
            "opening_hours": "Mon 08:00-14:00, 14:00-22:00",
        }
    ]
    tallinn = api_client.get("/api/v1/pickup-points/?country=EE&q=TALL").json()
    assert {p["id"] for p in tallinn["results"]} == {"omniva:96331", "omniva:10001", "dpd:EE90213", "dpd:EE90288"}
    assert api_client.get("/api/v1/pickup-points/?q=12918").json()["count"] == 1  # postcode
    assert api_client.get("/api/v1/pickup-points/?q=allinn").json()["count"] == 0  # prefixes only
    assert api_client.get("/api/v1/pickup-points/?country=FI").json()["count"] == 1
    assert api_client.get("/api/v1/pickup-points/?carrier=ups").status_code == 400
