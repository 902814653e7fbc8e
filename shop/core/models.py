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
