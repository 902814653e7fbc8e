"""Querysets compiled to SQL once per process, for the few hot reads where building and compiling
the query costs more than running it (the current policy number, a product detail: measured with
``bench/inprocess.py``, the ORM's query building was about ten times the indexed lookup).

The queryset is written as usual, with ``Param`` markers where the per-call values go; it is
compiled once, then each call runs the same SQL with the new values through Django's cursor (so
query counting, the debug toolbar and connection handling see it) and Django's own converters
turn the columns into Python values, exactly as ``values()`` would::

    _detail = PreparedValues(lambda: Listing.objects.filter(slug=Param("slug")).values("id", "title"))
    rows = _detail(slug="villasukat")

``CompiledValues`` compiles a finished queryset (no markers) and runs it page by page: the
product list keeps one per filter combination and catalogue version.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Field, QuerySet
from django.db.models.expressions import RawSQL


class Param(str):
    """A marker for a value supplied per call; a string so every lookup accepts it as is."""

    __slots__ = ()

    def __new__(cls, name: str) -> "Param":
        return super().__new__(cls, f"\x00prepared:{name}\x00")

    @property
    def name(self) -> str:
        return self[len("\x00prepared:") : -1]


def typed_param(name: str, output_field: Field) -> RawSQL:
    """A ``Param`` for a column that is not text: ``filter(pk=typed_param("id", BigIntegerField()))``.
    A lookup converts its value to the field's type first, which a marker string cannot survive."""
    return RawSQL("%s", (Param(name),), output_field=output_field)


class CompiledValues:
    """A ``values()`` queryset compiled to SQL once; ``rows()`` runs it, or, when it was compiled
    unsliced, one page of it (``LIMIT``/``OFFSET`` as parameters, so every page reuses the same SQL)."""

    def __init__(self, queryset: QuerySet) -> None:
        query = queryset.query
        self.sliced = query.is_sliced
        self._compiler = query.get_compiler(queryset.db)
        try:
            self.sql, params = self._compiler.as_sql()
        except EmptyResultSet:  # a condition nothing can meet (``pk__in=[]``, ``none()``)
            self.sql, params = None, []
        self.params = list(params)
        columns = [column[0] for column in self._compiler.select or ()]
        # Django's converters for these columns (dates on SQLite, decimals, JSON), found once.
        self._converters = self._compiler.get_converters(columns) if self.sql else {}
        # Columns an ORDER BY added to the SELECT (DISTINCT with ordering) are not part of the rows.
        self._trim = len(columns) if self.sql and self._compiler.has_extra_select else None
        self.names = list(query.selected) if query.selected else [
            *query.extra_select, *query.values_select, *query.annotation_select
        ]  # fmt: skip

    @property
    def using(self) -> str:
        """The database alias the query runs on."""
        return self._compiler.using

    def rows(self, params: list | None = None, *, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
        sql, params = self.sql, list(self.params if params is None else params)
        if sql is None:
            return []
        if limit is not None:
            if self.sliced:
                raise ValueError("A sliced queryset was compiled: its slice is part of the SQL.")
            sql, params = f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset]
        with connections[self._compiler.using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        if self._trim is not None:
            fetched = [row[: self._trim] for row in fetched]
        if self._converters:
            fetched = self._compiler.apply_converters(fetched, self._converters)
        return [dict(zip(self.names, row, strict=True)) for row in fetched]


class PreparedValues:
    """A ``values()`` queryset with ``Param`` markers, compiled on first use; calling it with the
    values returns the rows as dicts."""

    def __init__(self, build: Callable[[], QuerySet]) -> None:
        self._build = build
        self._compiled: tuple[CompiledValues, list[tuple[int, str]]] | None = None

    @property
    def compiled(self) -> CompiledValues:
        """The compiled query (after the first call)."""
        return self._compiled[0]

    def __call__(self, **values: Any) -> list[dict[str, Any]]:
        if self._compiled is None:
            compiled = CompiledValues(self._build())
            slots = [(index, value.name) for index, value in enumerate(compiled.params) if isinstance(value, Param)]
            if {name for _index, name in slots} != set(values):
                raise ValueError(f"The compiled query has the parameters {slots}, not {sorted(values)}.")
            self._compiled = compiled, slots
        compiled, slots = self._compiled
        params = list(compiled.params)
        for index, name in slots:
            params[index] = values[name]
        return compiled.rows(params)


class PreparedModels:
    """Like ``PreparedValues``, but returns ``model`` instances (built with ``Model.from_db``, as
    the ORM builds them), optionally each with one foreign key's object already loaded, as
    ``select_related`` would. ``build`` gives the filtered queryset; the columns are added here."""

    def __init__(self, model: type, build: Callable[[], QuerySet], *, related: str | None = None) -> None:
        self.model = model
        self._build = build
        self._related = related
        self._values: PreparedValues | None = None

    def _prepare(self) -> PreparedValues:
        # On first use, when every model (the related one too) is loaded.
        self.own = [field.attname for field in self.model._meta.concrete_fields]
        self.field = self.model._meta.get_field(self._related) if self._related else None
        self.theirs = [field.attname for field in self.field.related_model._meta.concrete_fields] if self.field else []
        columns = [*self.own, *(f"{self._related}__{name}" for name in self.theirs)]
        return PreparedValues(lambda: self._build().values(*columns))

    def __call__(self, **values: Any) -> list[Any]:
        if self._values is None:
            self._values = self._prepare()
        rows = self._values(**values)
        db = self._values.compiled.using if rows else None
        instances = []
        for row in rows:
            instance = self.model.from_db(db, self.own, [row[name] for name in self.own])
            if self.field is not None:
                theirs = [row[f"{self.field.name}__{name}"] for name in self.theirs]
                related = None if theirs[0] is None else self.field.related_model.from_db(db, self.theirs, theirs)
                self.field.set_cached_value(instance, related)
            instances.append(instance)
        return instances


class PreparedStatement:
    """A hand-written statement whose SQL ``build(connection)`` writes once per database (names
    from the models, quoted by that backend; every value a parameter). Calling it runs it on
    ``model``'s write database and returns the rows changed."""

    def __init__(self, model: type, build: Callable[[Any], str]) -> None:
        self.model = model
        self._build = build
        self._sql: dict[str, str] = {}

    def sql(self, connection: Any) -> str:
        sql = self._sql.get(connection.alias)
        if sql is None:
            sql = self._sql[connection.alias] = self._build(connection)
        return sql

    def __call__(self, params: list) -> int:
        connection = connections[router.db_for_write(self.model)]
        with connection.cursor() as cursor:
            cursor.execute(self.sql(connection), params)
            return cursor.rowcount


class PreparedUpdate:
    """``UPDATE <table> SET <fields> WHERE <key> = %s`` (key: the primary key unless named),
    written once from the model's metadata, for the hot writes where building the query cost more
    than running it (add-line, checkout: bench/inprocess.py). Values go through each field's
    ``get_db_prep_save``, as ``QuerySet.update`` does; like ``update``, no signals are sent.
    Returns the rows changed."""

    def __init__(self, model: type, *fields: str, key: str = "pk") -> None:
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        self.key = model._meta.pk if key == "pk" else model._meta.get_field(key)
        self._statement = PreparedStatement(model, self._update_sql)

    def _update_sql(self, connection: Any) -> str:
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in self.fields)
        table, column = quote(self.model._meta.db_table), quote(self.key.column)
        return f"UPDATE {table} SET {assignments} WHERE {column} = %s"  # noqa: S608

    def __call__(self, key: Any, **values: Any) -> int:
        connection = connections[router.db_for_write(self.model)]
        params = [field.get_db_prep_save(values[field.name], connection) for field in self.fields]
        with connection.cursor() as cursor:
            cursor.execute(self._statement.sql(connection), [*params, key])
            return cursor.rowcount
