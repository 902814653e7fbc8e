"""Receipts are append-only evidence chained by hash; ``verify_receipts`` finds tampering."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from policies.models import PolicyReceipt, PolicyVersionText, ReceiptChainHead
from policies.services import policy_acknowledge
from shop.core.models import AppendOnlyError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipts(make_policy, django_user_model):
    make_policy("privacy", "fi")
    text = PolicyVersionText.objects.get()
    ack = {"kind": "privacy", "version": 1, "locale": "fi", "sha256": text.sha256}
    users = [UserFactory(email=f"u{n}@example.com", password="x") for n in range(3)]
    return [policy_acknowledge(user=u, **ack, context="signup", ip="192.0.2.0", user_agent="UA") for u in users]


def verify() -> str:
    out = StringIO()
    call_command("verify_receipts", stdout=out)
    return out.getvalue()


def test_chain_links_each_receipt_to_the_one_before(receipts):
    assert [r.seq for r in receipts] == [1, 2, 3]
    assert receipts[1].prev_hash == receipts[0].chain_hash
    assert ReceiptChainHead.objects.get().last_hash == receipts[2].chain_hash
    assert "Receipt chain intact: 3 receipt(s)." in verify()


def test_orm_refuses_changes_but_allows_detaching_the_user(receipts):
    receipt = receipts[0]
    receipt.locale = "et"
    with pytest.raises(AppendOnlyError):
        receipt.save()
    with pytest.raises(AppendOnlyError):
        PolicyReceipt.objects.filter(pk=receipt.pk).delete()
    assert PolicyReceipt.objects.filter(pk=receipt.pk).update(user=None) == 1
    assert "intact" in verify()  # the user link is outside the hash


def _raw(sql: str, params: list) -> None:
    # SQLite has no trigger: raw SQL is how an attacker with database access would tamper.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.skipif("connection.vendor == 'postgresql'", reason="the trigger refuses raw edits there")
def test_raw_sql_edit_is_caught(receipts):
    _raw("UPDATE policies_policyreceipt SET sha256 = %s WHERE id = %s", ["f" * 64, receipts[1].pk])
    with pytest.raises(CommandError, match=r"receipt #2 \(id \d+\): its fields were altered"):
        verify()


@pytest.mark.skipif("connection.vendor == 'postgresql'", reason="the trigger refuses raw deletes there")
def test_raw_sql_delete_is_caught(receipts):
    _raw("DELETE FROM policies_policyreceipt WHERE id = %s", [receipts[1].pk])
    with pytest.raises(CommandError, match=r"receipt #3 .*a receipt before it was removed"):
        verify()


@pytest.mark.skipif("connection.vendor == 'postgresql'", reason="the trigger refuses raw deletes there")
def test_removing_the_newest_receipt_is_caught(receipts):
    _raw("DELETE FROM policies_policyreceipt WHERE id = %s", [receipts[2].pk])
    with pytest.raises(CommandError, match="the newest were removed"):
        verify()


@pytest.mark.postgres
def test_postgres_trigger_refuses_raw_edits_except_detaching(receipts):
    pk = receipts[0].pk
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw("UPDATE policies_policyreceipt SET sha256 = %s WHERE id = %s", ["f" * 64, pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw("DELETE FROM policies_policyreceipt WHERE id = %s", [pk])
    _raw("UPDATE policies_policyreceipt SET user_id = NULL WHERE id = %s", [pk])
    assert PolicyReceipt.objects.get(pk=pk).user_id is None
    assert "intact" in verify()


@pytest.mark.postgres
def test_postgres_tampering_by_a_superuser_who_drops_the_trigger_is_caught(receipts):
    # A superuser can switch triggers off for a session; the hash chain still tells.
    _raw("SET session_replication_role = replica", [])
    try:
        _raw("UPDATE policies_policyreceipt SET context = 'checkout' WHERE id = %s", [receipts[0].pk])
    finally:
        _raw("SET session_replication_role = DEFAULT", [])
    with pytest.raises(CommandError, match=r"receipt #1 .*altered"):
        verify()
