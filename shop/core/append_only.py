"""A migration operation that makes a table append-only on PostgreSQL with a trigger.

Usage in a migration::

    from shop.core.append_only import AppendOnlyTrigger
    operations = [..., AppendOnlyTrigger("policies_policyreceipt", detachable="user_id")]

The trigger refuses UPDATE and DELETE with ``restrict_violation`` (Django raises IntegrityError),
except an UPDATE that only sets ``detachable`` to NULL (erasure detaching the person). Row
triggers do not fire on TRUNCATE, which Django's test flush uses. On other databases (SQLite in
development) the operation does nothing; the ORM guard in ``shop.core.models`` still applies.
"""

from django.db import migrations

FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION xmi_refuse_evidence_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_NARGS = 1
     AND (to_jsonb(NEW) - TG_ARGV[0]) = (to_jsonb(OLD) - TG_ARGV[0])
     AND (to_jsonb(NEW) -> TG_ARGV[0]) = 'null'::jsonb THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% on %.% refused: evidence rows are append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END
$$;
"""


class AppendOnlyTrigger(migrations.RunPython):
    def __init__(self, table: str, detachable: str | None = None) -> None:
        self.table = table
        self.detachable = detachable
        super().__init__(self._install, self._remove, hints={"table": table})

    def deconstruct(self):  # keep migrations readable in makemigrations output
        return (self.__class__.__qualname__, [self.table], {"detachable": self.detachable})

    def _install(self, apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        args = f"'{self.detachable}'" if self.detachable else ""
        schema_editor.execute(FUNCTION_SQL, params=None)  # no params: the % in RAISE stays literal
        schema_editor.execute(
            f'CREATE TRIGGER "{self.table}_append_only" BEFORE UPDATE OR DELETE ON "{self.table}" '
            f"FOR EACH ROW EXECUTE FUNCTION xmi_refuse_evidence_change({args})"
        )

    def _remove(self, apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{self.table}_append_only" ON "{self.table}"')

    def describe(self) -> str:
        return f"Make {self.table} append-only (PostgreSQL trigger)"


TRUNCATE_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION xmi_refuse_evidence_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only a session that says so up front may truncate: the test harness (Django's flush between
  -- transactional tests) sets it in its connection options; see config/settings/test.py.
  IF coalesce(current_setting('xmi.allow_evidence_truncate', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'TRUNCATE on %.% refused: evidence rows are append-only', TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END
$$;
"""


class NoTruncateTrigger(migrations.RunPython):
    """A ``BEFORE TRUNCATE`` statement trigger (row triggers do not fire on TRUNCATE) refusing to
    empty an evidence table, unless the session set ``xmi.allow_evidence_truncate = on``. That
    escape exists for the test harness: Django's ``flush`` truncates every table between
    transactional tests, and a plain refusal breaks it. A superuser can set it (or drop the
    trigger) too; that is what the anchored chain (``manage.py verify_evidence``) detects."""

    def __init__(self, table: str) -> None:
        self.table = table
        super().__init__(self._install, self._remove, hints={"table": table})

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.table], {})

    def _install(self, apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(TRUNCATE_FUNCTION_SQL, params=None)
        schema_editor.execute(
            f'CREATE TRIGGER "{self.table}_no_truncate" BEFORE TRUNCATE ON "{self.table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION xmi_refuse_evidence_truncate()"
        )

    def _remove(self, apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{self.table}_no_truncate" ON "{self.table}"')

    def describe(self) -> str:
        return f"Refuse TRUNCATE of {self.table} (PostgreSQL trigger)"
