"""Register's schema says what the endpoint needs: ``acknowledgements`` is required, and leaving
it out is the documented 400 ``policy_acknowledgement_required`` with the current versions."""

import pytest

from shop.accounts.models import User
from tests.contract import served_schema

from .test_auth_api import REGISTER, policies, signup  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_acknowledgements_are_required_in_the_schema():
    component = served_schema()["components"]["schemas"]["RegisterInputRequest"]
    assert "acknowledgements" in component["required"]


def test_register_without_acknowledgements_lists_the_current_versions(api_client, policies):  # noqa: F811
    data = signup()
    del data["acknowledgements"]
    response = api_client.post(REGISTER, data, format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (400, "policy_acknowledgement_required")
    assert [item["kind"] for item in response.json()["error"]["details"]["current"]] == ["privacy", "terms"]
    assert not User.objects.exists()
