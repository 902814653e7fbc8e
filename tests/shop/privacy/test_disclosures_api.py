"""GET /api/v1/me/disclosures/: every transfer of the user's data, nobody else's."""

import pytest

from shop.core.models import AppendOnlyError
from shop.privacy.models import Disclosure
from shop.privacy.services import disclosure_record
from tests.factories import make_order

pytestmark = pytest.mark.django_db


def test_list_shows_only_my_disclosures(auth_client, user, other_user, django_assert_num_queries):
    disclosure_record(order=make_order(user), recipient="Omniva", recipient_kind="carrier", fields=["name", "phone"])
    disclosure_record(order=make_order(other_user), recipient="DPD", recipient_kind="carrier", fields=["name"])
    with django_assert_num_queries(3):
        response = auth_client.get("/api/v1/me/disclosures/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["recipient"] == "Omniva" and row["recipient_kind"] == "carrier"
    assert row["fields"] == ["name", "phone"] and row["order_number"].startswith("XM")


def test_disclosures_are_append_only(user):
    order = make_order(user)
    disclosure = disclosure_record(order=order, recipient="Omniva", recipient_kind="carrier", fields=["name"])
    with pytest.raises(AppendOnlyError):
        Disclosure.objects.filter(pk=disclosure.pk).update(recipient="x")
    with pytest.raises(AppendOnlyError):
        disclosure.delete()
