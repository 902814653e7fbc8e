"""Exactly-once side effects on top of django-tasks: the transactional outbox.

``outbox_add(key=..., handler=..., payload=...)`` inside a transaction writes an ``OutboxMessage``
(unique ``key``: adding it again is a no-op) and enqueues ``outbox_deliver`` once the transaction
commits, never before. Delivery locks the row, skips it if already sent, runs
``handler(key=..., **payload)`` and marks the row sent in the same transaction, so a handler's own
writes (a disclosure record) commit together with the "sent" mark. The key is passed to the
handler so a remote side can de-duplicate the one case no database can rule out (the remote call
succeeded, then our commit failed).

On failure the row records the error and the next attempt time (``OUTBOX_BACKOFF_SECONDS * 2 **
attempts``, capped at a day); backends that can defer (the database queue) get the retry enqueued
for then, and ``manage.py outbox_retry`` enqueues whatever is due (run it from cron as a safety
net, e.g. every few minutes). After ``OUTBOX_MAX_ATTEMPTS`` the row is ``failed`` for staff to see.
"""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task, task_backends

from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(days=1)


def outbox_add(*, key: str, handler: str, payload: dict[str, Any] | None = None) -> OutboxMessage:
    """Record a side effect to run after the current transaction commits (idempotent by ``key``)."""
    message, created = OutboxMessage.objects.get_or_create(
        key=key, defaults={"handler": handler, "payload": payload or {}, "next_attempt_at": timezone.now()}
    )
    if created:
        transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _enqueue(message_id: int, run_after=None) -> None:
    backend = task_backends[outbox_deliver.backend]  # "background" (see settings.TASKS)
    if run_after is not None and backend.supports_defer:
        outbox_deliver.using(run_after=run_after).enqueue(message_id)
    elif run_after is None:
        outbox_deliver.enqueue(message_id)
    # else: the backend cannot defer (tests, immediate mode): ``outbox_retry`` picks it up when due.


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=settings.OUTBOX_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


@task(backend="background")
def outbox_deliver(message_id: int) -> str:
    """Deliver one outbox message (a django-tasks task; also safe to call directly)."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboxStatus.PENDING:
            return "skipped"
        try:
            with transaction.atomic():  # a savepoint: a failing handler's writes are undone
                import_string(message.handler)(key=message.key, **message.payload)
        except Exception as err:
            message.attempts += 1
            message.last_error = f"{type(err).__name__}: {err}"[:2000]
            if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
                logger.error("Outbox %s failed for good: %s", message.key, message.last_error)
            else:
                message.next_attempt_at = timezone.now() + backoff(message.attempts)
                retry_at = message.next_attempt_at
                transaction.on_commit(lambda: _enqueue(message.pk, run_after=retry_at))
                logger.warning("Outbox %s attempt %s failed: %s", message.key, message.attempts, message.last_error)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return "retry" if message.status == OutboxStatus.PENDING else "failed"
        message.attempts += 1
        message.status = OutboxStatus.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return "sent"


def outbox_retry_due(*, now=None) -> int:
    """Enqueue every pending message whose next attempt is due; returns how many."""
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now).values_list("pk", flat=True)
    )
    for message_id in due:
        outbox_deliver.enqueue(message_id)
    return len(due)
