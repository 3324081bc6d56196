"""Load a data set for real once per test process, then copy its rows back into each later test's database.

On PostgreSQL the rows a loader adds are captured with COPY right after the first real load (inside that test's
transaction) and copied back in milliseconds for every later test that asks for the same data set; the tests see
exactly the rows a fresh load gives. Any other database runs the loader every time.
"""

from collections.abc import Callable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

_dumps: dict[str, dict[str, bytes]] = {}


def load_once(name: str, loader: Callable[[], object]) -> None:
    """Give this test's database the rows of data set `name`: run loader the first time, copy them back later."""
    if connection.vendor != "postgresql":
        loader()
        return
    if name in _dumps:
        _restore(_dumps[name])
        return
    tables = _tables()
    before, filled = _dump(tables), _filled(tables)
    loader()
    after = _dump(tables)
    changed = {table for table in tables if after[table] != before[table]}
    filled_before = sorted(changed & filled)
    if filled_before:  # rows changed in place cannot be replayed by copying rows in
        raise RuntimeError(f"data set {name} changes tables that migrations fill: {filled_before}")
    _dumps[name] = {table: after[table] for table in _referenced_first(changed)}


def _tables() -> list[str]:
    return connection.introspection.table_names(include_views=False)


def _referenced_first(tables: set[str]) -> list[str]:
    """Order tables so each comes after the tables it refers to: some references are checked by triggers at
    once, not deferred to the commit as Django's foreign keys are."""
    models = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    ordered: list[str] = []
    seen: set[str] = set()

    def visit(table: str) -> None:
        if table in seen or table not in tables:
            return
        seen.add(table)
        model = models.get(table)
        for field in model._meta.concrete_fields if model else ():
            if field.is_relation and field.related_model is not None:
                visit(field.related_model._meta.db_table)
        ordered.append(table)

    for table in sorted(tables):
        visit(table)
    return ordered


def _filled(tables: list[str]) -> set[str]:
    filled = set()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')
            if cursor.fetchone()[0]:
                filled.add(table)
    return filled


def _dump(tables: list[str]) -> dict[str, bytes]:
    dump = {}
    with connection.cursor() as cursor:
        for table in tables:
            with cursor.cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT binary)') as copy:
                dump[table] = b"".join(bytes(block) for block in copy)
    return dump


def _restore(dump: dict[str, bytes]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for table, data in dump.items():
            with cursor.cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT binary)') as copy:
                copy.write(data)
        models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in dump]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
