"""Append-only evidence rows (policy receipts, consent records, disclosures).

Evidence is written once and never changed or deleted. The ORM refuses it here; on PostgreSQL a
trigger refuses it too (see ``shop.core.append_only``), so raw SQL from a shell cannot do it either.
The one change allowed is detaching the person on erasure: setting a ``detachable`` foreign key
to NULL, nothing else in the same statement.
"""

from typing import Any, ClassVar

from django.db import models


class AppendOnlyError(Exception):
    """An attempt to change or delete an evidence row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        detachable = {f"{name}" for name in self.model.append_only_detachable} | {
            f"{name}_id" for name in self.model.append_only_detachable
        }
        if kwargs and set(kwargs) <= detachable and all(value is None for value in kwargs.values()):
            return super().update(**kwargs)
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")

    delete.queryset_only = True  # type: ignore[attr-defined]


class AppendOnlyModel(models.Model):
    """Abstract base for evidence tables: insert only."""

    #: Foreign keys that erasure may set to NULL (and nothing else).
    append_only_detachable: ClassVar[tuple[str, ...]] = ("user",)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "pending"
    SENT = "sent", "sent"
    FAILED = "failed", "failed"


class OutboxMessage(models.Model):
    """One outgoing side effect (a carrier hand-off, an email) that must happen exactly once.

    Written in the transaction that decides it (so it exists if and only if that commits), with a
    unique ``key`` per hand-off, so deciding twice records it once. A background task delivers it
    holding the row lock and marks it sent in the same transaction; failures are retried with
    exponential back-off until ``OUTBOX_MAX_ATTEMPTS``. See ``shop.core.outbox``."""

    # Shop data, not content: nothing for Wagtail's usage index, and each save would cost a task.
    wagtail_reference_index_ignore = True

    key = models.CharField(max_length=200, unique=True)
    handler = models.CharField(max_length=200)  # dotted path of the function that delivers it
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
