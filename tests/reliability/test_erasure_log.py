"""The erasure log outside the database and ``reapply_erasures`` (the restore path itself is
tested on PostgreSQL in test_backup.py)."""

from datetime import UTC, datetime

import pytest
from django.core.files.storage import storages
from django.core.management import call_command

from shop.accounts.models import User
from shop.core.pseudonyms import subject_ref
from shop.privacy.erasure import account_erase
from shop.privacy.erasure_log import erasure_log_entries, erasure_log_export, erasure_log_write
from shop.privacy.models import ErasureRecord, ErasureSource

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _empty_log(settings, tmp_path, restore_migrated_data):
    settings.STORAGES = {
        **settings.STORAGES,
        "erasure_log": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    assert storages["erasure_log"].location == str(tmp_path)


def test_an_erasure_is_logged_after_commit_without_personal_data(user, tmp_path):
    ref = subject_ref(user.pk)
    record = account_erase(user=user, source=ErasureSource.STAFF)
    assert erasure_log_entries() == [
        type(erasure_log_entries()[0])(subject_ref=ref, source="staff", erased_at=record.created_at.isoformat())
    ]
    (written,) = tmp_path.iterdir()
    assert "shopper" not in written.read_text() and "example.com" not in written.read_text()


def test_export_writes_each_record_once(user):
    account_erase(user=user, source=ErasureSource.SELF_SERVICE)
    assert erasure_log_export() == 0  # already logged at commit
    assert len(erasure_log_entries()) == 1


def test_reapply_erases_accounts_the_restored_database_does_not_know_were_erased(user, django_user_model, capsys):
    """As after a restore: the log names an erasure the database has no record of."""
    kept = django_user_model.objects.create_user(email="kept@example.com", password="correct horse battery")
    erased_at = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    erasure_log_write(
        record=ErasureRecord(subject_ref=subject_ref(user.pk), source=ErasureSource.SELF_SERVICE, created_at=erased_at)
    )
    erasure_log_write(  # someone the restored database never had
        record=ErasureRecord(subject_ref="f" * 64, source=ErasureSource.STAFF, created_at=erased_at)
    )

    call_command("reapply_erasures")
    assert "2 entries, 0 already in the database, 1 erased again, 1 without an account here." in capsys.readouterr().out
    assert list(User.objects.values_list("email", flat=True)) == [kept.email]
    record = ErasureRecord.objects.get()
    assert (record.subject_ref, record.source, record.summary["reapplied_from"]) == (
        subject_ref(user.pk),
        "self_service",
        erased_at.isoformat(),
    )

    call_command("reapply_erasures")
    assert "1 already in the database, 0 erased again" in capsys.readouterr().out
    assert ErasureRecord.objects.count() == 1
