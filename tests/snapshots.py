"""Load a data set for real once per test process, then copy its rows back into each later test's database.

On PostgreSQL the rows a loader adds or changes are captured with COPY right after the first real load (inside that
test's transaction) and copied back in milliseconds for every later test that asks for the same data set; the tests
see exactly the rows a fresh load gives. Only the loader's own changes are kept, so data sets stack: a report built
on the site data and the `people` users is kept as the report's rows (and the assessments it recomputed), replayed
on top of those two. A data set must be loaded on the same data sets each time, before the test changes anything.
Any other database runs the loader every time.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db import connection, transaction

T = TypeVar("T")


@dataclass(frozen=True)
class _Delta:
    table: str
    pk: str
    replaced: list  # primary keys of rows the loader changed or deleted
    rows: bytes  # the rows it added or changed (COPY binary)


_dumps: dict[str, tuple[list[_Delta], object]] = {}


def load_once(name: str, loader: Callable[[], T]) -> T:
    """Give this test's database the rows of data set `name`: run loader the first time, copy them back later.
    Return what loader returned the first time (keep it a plain value, such as an id)."""
    if connection.vendor != "postgresql":
        return loader()
    if name not in _dumps:
        _dumps[name] = _capture(loader)
    else:
        _restore(_dumps[name][0])
    return _dumps[name][1]


def _capture(loader: Callable[[], T]) -> tuple[list[_Delta], T]:
    """Run loader and return what it changed, table by table, from a copy of every table taken before it ran."""
    tables = [t for t in connection.introspection.table_names(include_views=False) if not t.startswith("_before_")]
    with connection.cursor() as cursor:
        for i, table in enumerate(tables):
            cursor.execute(f'CREATE TEMPORARY TABLE "_before_{i}" AS SELECT * FROM "{table}"')
    try:
        value = loader()
        with connection.cursor() as cursor:
            return [d for i, table in enumerate(tables) if (d := _delta(cursor, table, f'"_before_{i}"'))], value
    finally:
        with connection.cursor() as cursor:
            for i in range(len(tables)):
                cursor.execute(f'DROP TABLE IF EXISTS "_before_{i}"')


def _delta(cursor, table: str, before: str) -> _Delta | None:
    changed = f'SELECT * FROM "{table}" EXCEPT ALL SELECT * FROM {before}'
    cursor.execute(f'SELECT EXISTS ({changed}) OR EXISTS (SELECT * FROM {before} EXCEPT ALL SELECT * FROM "{table}")')
    if not cursor.fetchone()[0]:
        return None
    [pk] = connection.introspection.get_primary_key_columns(cursor, table)
    cursor.execute(f'SELECT "{pk}" FROM (SELECT * FROM {before} EXCEPT ALL SELECT * FROM "{table}") AS gone')
    replaced = [row[0] for row in cursor.fetchall()]
    with cursor.cursor.copy(f"COPY ({changed}) TO STDOUT (FORMAT binary)") as copy:
        rows = b"".join(bytes(block) for block in copy)
    return _Delta(table=table, pk=pk, replaced=replaced, rows=rows)


def _restore(deltas: list[_Delta]) -> None:
    """Copy the rows back with the tables' own triggers paused: they checked these rows when first written, and some
    (a published report's artefacts) refuse a second insert that only replays them. Foreign keys are checked."""
    with transaction.atomic(), connection.cursor() as cursor:
        for d in deltas:
            cursor.execute(f'ALTER TABLE "{d.table}" DISABLE TRIGGER USER')
        for d in deltas:
            if d.replaced:
                cursor.execute(f'DELETE FROM "{d.table}" WHERE "{d.pk}" = ANY(%s)', [d.replaced])
            with cursor.cursor.copy(f'COPY "{d.table}" FROM STDIN (FORMAT binary)') as copy:
                copy.write(d.rows)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the foreign keys now: no trigger may be pending
        for d in deltas:
            cursor.execute(f'ALTER TABLE "{d.table}" ENABLE TRIGGER USER')
            _advance_sequence(cursor, d)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django declares them


def _advance_sequence(cursor, d: _Delta) -> None:
    """Move the table's id sequence past the copied rows, never back: ids stay unique across data sets."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [f'"{d.table}"', d.pk])
    sequence = cursor.fetchone()[0]
    if sequence:
        highest = f'SELECT max("{d.pk}") FROM "{d.table}"'
        cursor.execute(f"SELECT setval(%s, GREATEST(({highest}), (SELECT last_value FROM {sequence})))", [sequence])
