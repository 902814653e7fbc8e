"""Signed-in acknowledgements: status per kind, re-acceptance after material changes only, stale
versions and wrong hashes refused, receipts as evidence."""

import pytest

from policies.models import PolicyReceipt, PolicyVersionText
from policies.selectors import receipts_export
from policies.services import policy_acknowledge, receipts_detach
from shop.core.pseudonyms import subject_ref
from tests.policies.fixtures import body, republish

pytestmark = pytest.mark.django_db

STATUS = "/api/v1/me/policies/"
ACKS = "/api/v1/me/policies/acknowledgements/"


def ack_body(version: int, locale: str = "fi", kind: str = "privacy") -> dict:
    text = PolicyVersionText.objects.get(version__kind=kind, version__version=version, locale=locale)
    return {"kind": kind, "version": version, "locale": locale, "sha256": text.sha256}


@pytest.fixture
def signed_in(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def status_of(client, kind="privacy") -> dict:
    return next(item for item in client.get(STATUS).json()["results"] if item["kind"] == kind)


def test_acknowledge_records_a_reprompt_receipt(signed_in, user, make_policy, django_assert_max_num_queries):
    make_policy("privacy", "fi")
    assert status_of(signed_in)["action_required"] is True  # never acknowledged
    r = signed_in.post(
        ACKS, ack_body(1), format="json", REMOTE_ADDR="192.0.2.77", HTTP_USER_AGENT="Mozilla/5.0 " + "x" * 500
    )
    assert r.status_code == 201
    assert r.json() == {
        "kind": "privacy",
        "version": 1,
        "locale": "fi",
        "sha256": ack_body(1)["sha256"],
        "context": "reprompt",
        "created_at": r.json()["created_at"],
    }
    receipt = PolicyReceipt.objects.get()
    assert (receipt.user, receipt.subject_ref, receipt.ip) == (user, subject_ref(user.pk), "192.0.2.0")
    assert len(receipt.user_agent) == 200
    with django_assert_max_num_queries(3):
        assert signed_in.get(ACKS).json()["count"] == 1
    with django_assert_max_num_queries(3):
        item = status_of(signed_in)
    assert item == {
        "kind": "privacy",
        "current_version": 1,
        "acknowledged_version": 1,
        "acknowledged_at": item["acknowledged_at"],
        "action_required": False,
        "diff_url": None,
    }


def test_material_change_asks_again_with_a_diff_link_editorial_does_not(signed_in, user, make_policy):
    page = make_policy("privacy", "fi")
    policy_acknowledge(user=user, **ack_body(1))
    page = republish(page, body=body("Typo fixed."))  # v2 editorial
    item = status_of(signed_in)
    assert (item["current_version"], item["acknowledged_version"], item["action_required"]) == (2, 1, False)
    republish(page, body=body("New purpose."), change_type="material", summary="New purpose.")  # v3
    item = status_of(signed_in)
    assert (item["current_version"], item["action_required"]) == (3, True)
    assert item["diff_url"] == "/api/v1/policies/privacy/diff/?from=1&to=3&locale=fi"
    assert signed_in.get(item["diff_url"]).status_code == 200
    assert signed_in.post(ACKS, ack_body(3), format="json").status_code == 201
    assert status_of(signed_in)["action_required"] is False
    assert [r.context for r in PolicyReceipt.objects.order_by("seq")] == ["reprompt", "reprompt"]


def test_stale_version_is_409_and_wrong_hash_is_400(signed_in, make_policy):
    page = make_policy("privacy", "fi")
    stale = ack_body(1)
    republish(page, body=body("v2"))
    r = signed_in.post(ACKS, stale, format="json")
    assert (r.status_code, r.json()["error"]["code"]) == (409, "policy_version_not_current")
    assert r.json()["error"]["details"] == {"kind": "privacy", "current_version": 2}
    r = signed_in.post(ACKS, {**ack_body(2), "sha256": "a" * 64}, format="json")
    assert (r.status_code, r.json()["error"]["code"]) == (400, "policy_hash_mismatch")
    assert not PolicyReceipt.objects.exists()


def test_fallback_text_can_be_acknowledged_in_the_requested_locale(signed_in, make_policy):
    make_policy("privacy", "fi")
    r = signed_in.post(ACKS, {**ack_body(1), "locale": "en"}, format="json")
    assert r.status_code == 201
    assert r.json()["locale"] == "fi"  # the language of the text actually acknowledged


def test_anonymous_gets_401(api_client, homes):
    r = api_client.get(STATUS)
    assert (r.status_code, r.json()["error"]["code"]) == (401, "authentication_required")


def test_export_and_detach_for_the_privacy_rights_issue(user, make_policy):
    make_policy("privacy", "fi")
    policy_acknowledge(user=user, **ack_body(1), ip="192.0.2.0")
    exported = receipts_export(user=user)
    assert [(e["kind"], e["version"], e["context"], e["ip"]) for e in exported] == [
        ("privacy", 1, "reprompt", "192.0.2.0")
    ]
    assert receipts_detach(user=user) == 1
    receipt = PolicyReceipt.objects.get()
    assert receipt.user_id is None and receipt.subject_ref == subject_ref(user.pk)
    assert receipts_export(user=user) == []
