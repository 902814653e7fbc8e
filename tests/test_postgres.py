"""Proof that the postgres-marked run really talks to PostgreSQL (``.ci/run`` runs these)."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_runs_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()
    assert version.startswith("PostgreSQL ")


def test_case_insensitive_email_constraint_is_an_expression_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["accounts_user_email_ci_unique"],
        )
        (indexdef,) = cursor.fetchone()
    assert "UNIQUE" in indexdef and "lower" in indexdef.lower()
