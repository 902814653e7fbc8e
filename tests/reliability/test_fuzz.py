"""Schema fuzzing in CI: schemathesis against the served /api/v1/schema/ of a gunicorn process
with the production settings, anonymous and as a signed-in shopper, with a fixed seed and a
few examples per operation (``make fuzz`` runs many more), every schemathesis check on: no 5xx,
no undocumented status, no response outside the schema, schema-valid input accepted and invalid
input refused, and every error in the envelope (tests/reliability/fuzz_hooks.py)."""

import os

import pytest

from tests.reliability import fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 2))
SEED = 20261201


def assert_clean(results: dict) -> None:
    for name, result in results.items():
        assert result["exit"] == 0, f"{name} run:\n{result['output'][-6000:]}"
        assert result["tested"] > 0 and result["cases"] > 0, result["output"][-2000:]


@pytest.mark.django_db  # only for pytest-django's database guard; the server uses its own database
def test_fuzz_on_sqlite():
    assert_clean(fuzz.run(examples=EXAMPLES, seed=SEED, exclude=fuzz.PENDING_CHECKS))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fuzz_on_postgresql(tmp_path):
    from django.db import connection

    name = f"{connection.settings_dict['NAME']}_fuzz"
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
        assert_clean(fuzz.run(examples=EXAMPLES, seed=SEED, database_url=url, exclude=fuzz.PENDING_CHECKS))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
