"""Tampering by someone with database access is detected (issue: "Tampering is detected even with
database access"): each way of tampering is named by ``verify_evidence``'s check."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from policies.errors import PolicyChangeRefused
from policies.evidence import verify_evidence
from policies.models import (
    PolicyKindCounter,
    PolicyPage,
    PolicyReceipt,
    PolicyVersion,
    PolicyVersionText,
    ReceiptChainHead,
)
from policies.services import policy_acknowledge
from tests.policies.fixtures import body, republish

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchors(settings, tmp_path):
    settings.EVIDENCE_ANCHOR_PATH = str(tmp_path / "anchors.jsonl")
    return tmp_path / "anchors.jsonl"


@pytest.fixture
def evidence(make_policy, django_user_model, anchors):
    """privacy v1 (fi), v2 (fi+et), v3 (fi edit); three receipts on v3; anchored."""
    fi = make_policy("privacy", "fi")
    make_policy("privacy", "et")
    republish(fi, body=body("Edited."), change_type="material", summary="Edited.")
    users = [django_user_model.objects.create_user(email=f"u{n}@example.com", password="x") for n in range(3)]
    for user in users:
        text = PolicyVersionText.objects.get(version__version=3, locale="fi")
        policy_acknowledge(user=user, kind="privacy", version=3, locale="fi", sha256=text.sha256, context="signup")
    call_command("anchor_evidence", stdout=StringIO())
    return users


def raw(sql: str, params: list | None = None) -> None:
    """What someone with database access does. On PostgreSQL they first switch the append-only
    triggers off for their session (a superuser can)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(sql, params or [])
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("SET session_replication_role = DEFAULT")


def checks() -> set[str]:
    return verify_evidence().checks()


def test_untouched_evidence_verifies(evidence):
    out = StringIO()
    call_command("verify_evidence", stdout=out)
    assert "Policy evidence intact: 3 version(s), 3 receipt(s); anchored at" in out.getvalue()


def test_editing_a_frozen_text_is_named(evidence):
    text = PolicyVersionText.objects.get(version__version=3, locale="fi")
    raw("UPDATE policies_policyversiontext SET body_html = %s WHERE id = %s", ["<p>Other.</p>", text.pk])
    assert checks() == {"text_hash"}


def test_editing_a_frozen_text_and_its_hash_is_named(evidence):
    text = PolicyVersionText.objects.get(version__version=3, locale="fi")
    new = "<p>Other.</p>"
    raw(
        "UPDATE policies_policyversiontext SET body_html = %s, sha256 = %s WHERE id = %s",
        [new, hashlib.sha256(new.encode()).hexdigest(), text.pk],
    )
    assert checks() == {"version_chain", "receipt_text"}


def test_editing_a_version_row_is_named(evidence):
    raw("UPDATE policies_policyversion SET change_type = 'editorial' WHERE version = 3")
    report = verify_evidence()
    assert report.checks() == {"version_chain"}
    assert "version #3" in str(report.problems[0]) and "altered" in str(report.problems[0])


def test_editing_a_receipt_is_named(evidence):
    raw("UPDATE policies_policyreceipt SET context = 'checkout' WHERE seq = 2")
    assert checks() == {"receipt_chain", "receipt_signature"}


def test_swapping_a_receipts_signature_is_named(evidence):
    other = PolicyReceipt.objects.get(seq=1).jws
    raw("UPDATE policies_policyreceipt SET jws = %s WHERE seq = 2", [other])
    assert checks() == {"receipt_signature"}


def test_deleting_a_receipt_in_the_middle_is_named(evidence):
    raw("DELETE FROM policies_policyreceipt WHERE seq = 2")
    report = verify_evidence()
    assert report.checks() == {"receipt_chain"}
    assert "receipt #2 is missing" in str(report.problems[0])


def test_deleting_the_newest_receipts_and_rewinding_the_head_is_caught_by_the_anchor(evidence):
    first = PolicyReceipt.objects.get(seq=1)
    raw("DELETE FROM policies_policyreceipt WHERE seq > 1")
    ReceiptChainHead.objects.filter(pk=ReceiptChainHead.RECEIPTS).update(last_seq=1, last_hash=first.chain_hash)
    report = verify_evidence()
    assert report.checks() == {"anchor"}
    assert "receipts #3" in str(report.problems[0]) and "is gone" in str(report.problems[0])


def test_emptying_the_receipts_table_is_caught_by_the_anchor(evidence):
    raw("DELETE FROM policies_policyreceipt")
    ReceiptChainHead.objects.filter(pk=ReceiptChainHead.RECEIPTS).update(last_seq=0, last_hash="0" * 64)
    assert checks() == {"anchor"}


def test_rewinding_the_counter_is_named(evidence, api_client):
    PolicyKindCounter.objects.filter(kind="privacy").update(last_version=2)
    # The API serves the newest frozen version, not the counter, and the next publish is refused.
    assert api_client.get("/api/v1/policies/privacy/").json()["version"] == 3
    page = PolicyPage.objects.get(locale__language_code="fi")
    with pytest.raises(PolicyChangeRefused):
        republish(page, body=body("After the rewind."))
    assert PolicyVersion.objects.count() == 3
    report = verify_evidence()
    assert report.checks() == {"counter", "anchor"}
    assert "privacy: the counter says v2, the newest version is v3" in str(report.problems[0])


def test_removing_the_newest_version_with_its_head_and_counter_is_caught_by_the_anchor(evidence):
    raw("DELETE FROM policies_policyreceipt")
    v3 = PolicyVersion.objects.get(version=3)
    raw("DELETE FROM policies_policyversiontext WHERE version_id = %s", [v3.pk])
    raw("DELETE FROM policies_policyversion WHERE version = 3")
    v2 = PolicyVersion.objects.get(version=2)
    ReceiptChainHead.objects.filter(pk=ReceiptChainHead.VERSIONS).update(last_seq=v2.chain_seq, last_hash=v2.chain_hash)
    ReceiptChainHead.objects.filter(pk=ReceiptChainHead.RECEIPTS).update(last_seq=0, last_hash="0" * 64)
    PolicyKindCounter.objects.filter(kind="privacy").update(last_version=2)
    report = verify_evidence()
    assert report.checks() == {"anchor"}
    assert {"versions #3", "receipts #3", "set back"} <= {
        word
        for problem in report.problems
        for word in ("versions #3", "receipts #3", "set back")
        if word in str(problem)
    }


def test_a_forged_anchor_file_is_named(evidence, anchors):
    anchors.write_text(anchors.read_text().replace('"seq": 3', '"seq": 2'))
    assert "anchor" in checks()


def test_the_command_exits_non_zero_and_lists_the_problems(evidence):
    raw("UPDATE policies_policyreceipt SET context = 'checkout' WHERE seq = 2")
    with pytest.raises(CommandError, match=r"\[receipt_chain\] receipt #2 \(id \d+\) was altered"):
        call_command("verify_evidence")


def test_without_the_chain_key_a_recomputed_plain_hash_does_not_pass(evidence, settings):
    # The old chain was plain SHA-256 and could be recomputed by anyone; now the key is needed.
    settings.EVIDENCE_CHAIN_KEY = "a-key-the-tamperer-guessed"
    assert "receipt_chain" in checks() and "version_chain" in checks()


@pytest.mark.postgres
def test_postgres_refuses_truncate_of_evidence_tables(evidence):
    # The test connection allows truncation (Django's flush needs it); a normal session does not.
    for table in ("policies_policyreceipt", "policies_policyversiontext", "policies_policyversion"):
        refused = f"TRUNCATE on public.{table} refused"
        with pytest.raises(IntegrityError, match=refused), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # fire the test's pending FK checks first
            cursor.execute("SET LOCAL xmi.allow_evidence_truncate = 'off'")
            cursor.execute(f'TRUNCATE "{table}" CASCADE')
    assert PolicyReceipt.objects.count() == 3


@pytest.mark.postgres
def test_postgres_refuses_row_edits_without_switching_triggers_off(evidence):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE policies_policyversiontext SET body_html = 'x'")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM policies_policyversion")


def test_moving_the_site_does_not_make_old_receipts_look_forged(evidence, settings):
    settings.SITE_URL = "https://shop.example"
    settings.RECEIPT_CONTROLLER = {**settings.RECEIPT_CONTROLLER, "address": "Somewhere else"}
    assert verify_evidence().ok


def test_relinking_a_receipt_to_another_account_is_named(evidence):
    first, second = evidence[0], evidence[1]
    raw("UPDATE policies_policyreceipt SET user_id = %s WHERE user_id = %s", [second.pk, first.pk])
    assert checks() == {"receipt_subject"}
