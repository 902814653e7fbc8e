"""Fault injection for the crash tests, kept out of the production code paths: a database execute
wrapper that acts right after the first SQL statement matching a pattern has run, i.e. inside the
transaction that statement belongs to, before its commit.

- In the test process, ``crash_after(pattern)`` raises ``WorkerCrashed`` there (the simulated
  crash: the request dies as a killed worker would, and its transaction is rolled back).
- In an app server started with ``tests.reliability.settings_faults``, ``HangAfterMiddleware`` arms
  itself from the file ``$FAULT_DIR/arm`` (a regular expression, written by the test) and, once the
  statement has run, writes ``{"pid", "in_atomic_block"}`` to ``$FAULT_DIR/hung`` and sleeps, so
  that the test can SIGKILL the worker while it holds the transaction open. It fires once (it
  removes the arm file), so the retried request after the kill runs normally.
"""

import contextlib
import json
import os
import re
import time
from pathlib import Path

from django.db import connection

# The statements the crash tests stop after (Django's SQL on SQLite and PostgreSQL alike).
ORDER_INSERT = r'^INSERT INTO "orders_order" '
ORDER_LINES_INSERT = r'^INSERT INTO "orders_orderline" '
RECEIPT_INSERT = r'^INSERT INTO "policies_policyreceipt" '
PAYMENT_INSERT = r'^INSERT INTO "payments_payment" '
# The last write of checkout_place: the idempotency row gets its order.
CHECKOUT_REQUEST_DONE = r'^UPDATE "checkout_checkoutrequest" SET "order_id"'
ORDER_STATUS_UPDATE = r'^UPDATE "orders_order" SET "status"'
OUTBOX_INSERT = r'^INSERT INTO "core_outboxmessage" '


class WorkerCrashed(Exception):
    """Raised by ``crash_after``: the request's process "dies" here."""


@contextlib.contextmanager
def crash_after(pattern: str):
    """Within the block, the first statement matching ``pattern`` runs, then ``WorkerCrashed``."""
    regex = re.compile(pattern)
    fired: list[str] = []

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not fired and regex.search(sql):
            fired.append(sql)
            raise WorkerCrashed(f"crashed after {sql[:80]!r} (in a transaction: {connection.in_atomic_block})")
        return result

    with connection.execute_wrapper(wrapper):
        yield fired


class HangAfterMiddleware:
    """See the module docstring; only in tests.reliability.settings_faults."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.dir = Path(os.environ["FAULT_DIR"])

    def __call__(self, request):
        arm = self.dir / "arm"
        try:
            pattern = arm.read_text()
        except FileNotFoundError:
            return self.get_response(request)
        regex = re.compile(pattern)

        def wrapper(execute, sql, params, many, context):
            result = execute(sql, params, many, context)
            if regex.search(sql) and arm.exists():
                arm.unlink()
                hung = {"pid": os.getpid(), "in_atomic_block": connection.in_atomic_block, "sql": sql[:200]}
                (self.dir / "hung.tmp").write_text(json.dumps(hung))
                (self.dir / "hung.tmp").rename(self.dir / "hung")
                time.sleep(300)  # until the test kills this worker
            return result

        with connection.execute_wrapper(wrapper):
            return self.get_response(request)
