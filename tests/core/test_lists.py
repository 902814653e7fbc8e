"""Every list of the API uses the one paginator: the same parameters, the same 400s."""

import pytest

from tests.contract import served_schema
from tests.factories import bearer_client

pytestmark = pytest.mark.django_db

PATH_VALUES = {"{kind}": "privacy"}


def paginated_lists() -> list[str]:
    paths = []
    for path, item in served_schema()["paths"].items():
        parameters = item.get("get", {}).get("parameters", [])
        if any(parameter["name"] == "page_size" for parameter in parameters):
            for placeholder, value in PATH_VALUES.items():
                path = path.replace(placeholder, value)
            paths.append(path)
    return paths


def test_every_list_is_found():
    assert set(paginated_lists()) >= {
        "/api/v1/policies/",
        "/api/v1/policies/privacy/versions/",
        "/api/v1/me/policies/",
        "/api/v1/me/policies/acknowledgements/",
        "/api/v1/me/addresses/",
        "/api/v1/me/disclosures/",
        "/api/v1/orders/",
        "/api/v1/wishlist/",
        "/api/v1/recently-viewed/",
        "/api/v1/products/",
    }


@pytest.mark.parametrize("path", paginated_lists())
@pytest.mark.parametrize(
    "query",
    [{"page_size": "0"}, {"page_size": "101"}, {"page_size": "ten"}, {"page": "0"}, {"page": "x"}, {"page": "1e3"}],
)
def test_invalid_page_or_page_size_is_400_on_every_list(user, path, query):
    response = bearer_client(user).get(path, query)
    assert (response.status_code, response.json()["error"]["code"]) == (400, "validation_error")
    assert list(response.json()["error"]["fields"]) == list(query)


@pytest.mark.parametrize("path", paginated_lists())
def test_every_list_answers_the_paginated_envelope(user, path):
    response = bearer_client(user).get(path, {"page_size": "100"})
    assert response.status_code == 200
    assert {"count", "next", "previous", "results"} <= set(response.json())
