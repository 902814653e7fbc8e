"""GET /api/v1/me/export/: one document holding every section, nothing of anyone else."""

import json

import pytest

from policies.models import PolicyVersionText
from policies.services import policy_acknowledge
from shop.accounts.models import Address
from shop.core.privacy_registry import EXPORT_SECTIONS
from shop.privacy.services import disclosure_record, marketing_consent_record
from shop.support.services import support_request_create
from shop.wishlist.services import recently_viewed_add, wishlist_add
from tests.factories import make_cookie_consent, make_order
from tests.shop.catalog import factories

pytestmark = pytest.mark.django_db


def _one_of_each(user, marker: str, privacy_text, product):
    Address.objects.create(
        user=user, first_name=marker, last_name="L", line1=f"{marker} 1", postcode="10123", city="Tallinn", country="EE"
    )
    order = make_order(user, contact_first_name=marker)
    marketing_consent_record(user=user, channel="sms", action="granted", source="signup", locale="et")
    make_cookie_consent(user, policy_version=2, locale="et", ip="192.0.2.0")
    disclosure_record(order=order, recipient=f"{marker} Carrier", recipient_kind="carrier", fields=["name", "phone"])
    support_request_create(email=user.email, topic="data_access", message=f"{marker} asks", locale="et", user=user)
    policy_acknowledge(
        user=user, kind="privacy", version=1, locale="fi", sha256=privacy_text.sha256, context="signup", ip=None
    )
    wishlist_add(user=user, product_id=product.product_id)
    recently_viewed_add(user=user, product_id=product.product_id)


def test_export_holds_every_section_and_nothing_of_others(
    auth_client, user, other_user, make_policy, clothes, django_assert_num_queries
):
    make_policy("privacy", "fi")
    mine = factories.make_product(clothes, title="Villasukat", sku="MINE-1")
    theirs = factories.make_product(clothes, title="Pipo", sku="THEIRS-1")
    privacy_text = PolicyVersionText.objects.get(version__kind="privacy", version__version=1, locale="fi")
    user.first_name = "Mine"
    user.save()
    _one_of_each(user, "Mine", privacy_text, mine)
    _one_of_each(other_user, "Theirs", privacy_text, theirs)

    with django_assert_num_queries(11):  # token + one per section with data (orders: two)
        response = auth_client.get("/api/v1/me/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="xmi-data-export.json"'
    data = response.json()
    assert data["schema_version"] == 1
    assert set(EXPORT_SECTIONS) <= set(data)
    assert data["sections"] == list(EXPORT_SECTIONS)

    assert data["profile"]["email"] == user.email and data["profile"]["first_name"] == "Mine"
    assert [a["first_name"] for a in data["addresses"]] == ["Mine"]
    assert [o["contact"]["first_name"] for o in data["orders"]] == ["Mine"]
    assert data["orders"][0]["lines"][0]["sku"] == "SKU-0"
    assert [(c["channel"], c["action"]) for c in data["consents"]] == [("sms", "granted")]
    assert data["cookie_consents"][0]["categories"]["preferences"] is True
    assert data["disclosures"][0]["recipient"] == "Mine Carrier"
    assert data["disclosures"][0]["fields"] == ["name", "phone"]
    assert data["support_requests"][0]["message"] == "Mine asks"
    assert [(r["kind"], r["version"], r["locale"], r["sha256"]) for r in data["policy_receipts"]] == [
        ("privacy", 1, "fi", privacy_text.sha256)
    ]
    assert [item["sku"] for item in data["wishlist"]] == ["MINE-1"]
    assert [item["sku"] for item in data["recently_viewed"]] == ["MINE-1"]
    assert "Theirs" not in json.dumps(data) and other_user.email not in json.dumps(data)


def test_export_of_a_new_account_is_complete_and_empty(auth_client):
    data = auth_client.get("/api/v1/me/export/").json()
    assert [name for name in EXPORT_SECTIONS if name != "profile" and data[name] != []] == []


def test_export_needs_sign_in(api_client):
    assert api_client.get("/api/v1/me/export/").status_code == 401
