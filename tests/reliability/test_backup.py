"""Backups: ``make backup`` / ``make restore`` (deploy/backup.sh, deploy/restore.sh) on the real
PostgreSQL server. A restore into a fresh database finds orders, receipts (the chain verifies)
and consents intact, and an erasure done after the backup is done again."""

import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from policies.models import PolicyReceipt, PolicyVersionText
from shop.accounts.models import User
from shop.privacy.erasure import account_erase
from shop.privacy.erasure_log import erasure_log_entries
from shop.privacy.models import CookieConsent, ErasureSource, MarketingConsent
from tests.factories import make_cookie_consent, make_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
KEY = "backup-test-subject-ref-key"


def database_url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def places(tmp_path, settings):
    """Media and the erasure log in directories shared by this process and the scripts."""
    media, log = tmp_path / "media", tmp_path / "erasure-log"
    settings.MEDIA_ROOT = media
    settings.SUBJECT_REF_KEY = KEY
    settings.STORAGES = {
        **settings.STORAGES,
        "erasure_log": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": log}},
    }
    return {"media": media, "log": log, "backups": tmp_path / "backups"}


def script_env(places, database: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=database_url(database),
        SUBJECT_REF_KEY=KEY,
        # The same SECRET_KEY as this test process, so the scripts derive the same receipt-signing
        # and evidence-chain keys that signed what the test wrote.
        SECRET_KEY=settings.SECRET_KEY,
        MEDIA_ROOT=str(places["media"]),
        ERASURE_LOG_DIR=str(places["log"]),
        PY=str(ROOT / ".venv" / "bin" / "python"),
    )
    return env


def run(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def fresh_database():
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def register(email: str) -> User:
    text = PolicyVersionText.objects.get(version__kind="privacy", version__version=1, locale="fi")
    response = APIClient().post(
        "/api/v1/auth/register/",
        {
            "email": email,
            "password": "a long enough passphrase",
            "first_name": "Maija",
            "last_name": "Meikäläinen",
            "locale": "fi",
            "acknowledgements": [{"kind": "privacy", "version": 1, "locale": "fi", "sha256": text.sha256}],
            "marketing": {"email": True, "sms": True},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return User.objects.get(email=email)


STATE = """
import json
from policies.models import PolicyReceipt
from shop.accounts.models import User
from shop.orders.models import Order
from shop.privacy.models import CookieConsent, ErasureRecord, MarketingConsent
print(json.dumps({
    "users": sorted(User.objects.values_list("email", flat=True)),
    "orders": sorted((o.number, o.email, o.subject_ref) for o in Order.objects.all()),
    "receipts": PolicyReceipt.objects.count(),
    "receipts_of": sorted(User.objects.filter(policy_receipts__isnull=False).values_list("email", flat=True)),
    "consents": MarketingConsent.objects.count(),
    "cookie_consents": CookieConsent.objects.count(),
    "erasures": sorted((e.subject_ref, e.summary.get("reapplied_from", "")) for e in ErasureRecord.objects.all()),
}))
"""


def test_restore_finds_everything_and_reapplies_later_erasures(
    restore_migrated_data, make_policy, places, fresh_database
):
    make_policy("privacy", "fi")
    alice, bob = register("alice@example.com"), register("bob@example.com")
    alice_order, bob_order = make_order(alice), make_order(bob)
    make_cookie_consent(alice)
    make_cookie_consent(None)
    places["media"].mkdir(parents=True)
    (places["media"] / "product.webp").write_bytes(b"RIFF-picture")
    receipts, consents = PolicyReceipt.objects.count(), MarketingConsent.objects.count()
    assert (receipts, consents) == (2, 4)

    env = run_env = script_env(places, connection.settings_dict["NAME"])
    backup = Path(run(str(ROOT / "deploy" / "backup.sh"), str(places["backups"]), env=env).strip().splitlines()[-1])
    assert {p.name for p in backup.iterdir()} >= {"db.dump", "media.tar.gz", "SHA256SUMS"}

    # After the backup: Bob erases his account; the media file is lost.
    erased_at = account_erase(user=bob, source=ErasureSource.SELF_SERVICE).created_at
    bob_ref = bob_order.subject_ref
    assert [entry.subject_ref for entry in erasure_log_entries()] == [bob_ref]
    (places["media"] / "product.webp").unlink()

    restored_env = {**run_env, **script_env(places, fresh_database)}
    out = run(str(ROOT / "deploy" / "restore.sh"), str(backup), env=restored_env)
    assert "1 erased again" in out
    assert "Policy evidence intact: 1 version(s), 2 receipt(s)" in out

    state = json.loads(run(restored_env["PY"], "manage.py", "shell", "-v", "0", "-c", STATE, env=restored_env))
    assert state["users"] == ["alice@example.com"]
    assert state["orders"] == sorted(
        [
            [alice_order.number, "alice@example.com", alice_order.subject_ref],
            [bob_order.number, "", bob_ref],  # kept for the accounts, scrubbed, linkable only by ref
        ]
    )
    assert state["receipts"] == receipts  # Bob's receipt stays as evidence, detached from him
    assert state["receipts_of"] == ["alice@example.com"]
    # Consents are as the live database has them: Bob's two withdrawn at his erasure, on both sides.
    assert state["consents"] == MarketingConsent.objects.count() == consents + 2
    assert state["cookie_consents"] == CookieConsent.objects.count() == 2
    assert state["erasures"] == [[bob_ref, erased_at.isoformat()]]
    assert (places["media"] / "product.webp").read_bytes() == b"RIFF-picture"

    # Running it again changes nothing.
    again = run(restored_env["PY"], "manage.py", "reapply_erasures", env=restored_env)
    assert "0 erased again" in again
