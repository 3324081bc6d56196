"""Compare a release with the stored current values inside the database: a staging table and set operations.

The release's rows are loaded into a temporary table once; revisions, notes-only revisions, withdrawals and the
rows to insert are then found by joins, so no stored row travels to Python and back.
"""

import pyarrow as pa
import pyarrow.csv as pa_csv
from django.db import connection

STAGED = [
    "indicator_id",
    "area_code",
    "period",
    "period_start",
    "period_months",
    "value",
    "lci",
    "uci",
    "status",
    "note",
]
STAGING = "ingest_incoming"
COMPARED = "ingest_compared"
SAME_KEY = "{a}.indicator_id = {b}.indicator_id AND {a}.area_code = {b}.area_code AND {a}.period = {b}.period"
# Numbers agree within 1e-9 or are both missing; anything NULL-valued in the test counts as a change.
SAME_NUMBER = "(o.{c} = i.{c} OR abs(o.{c} - i.{c}) <= 1e-9 OR (o.{c} IS NULL AND i.{c} IS NULL))"


def load_rows(table: str, columns: list[str], rows: pa.Table, *, order_by: list[str] = ()) -> None:
    """Write rows (columns in order, sorted by order_by) into table: one COPY on PostgreSQL, one executemany elsewhere.

    rows are Arrow columns (vintages.staged_rows); a null is written as NULL.
    """
    if not rows.num_rows:
        return
    arrow = rows.select(columns)
    if order_by:
        arrow = arrow.sort_by([(name, "ascending") for name in order_by])
    if connection.vendor != "postgresql":
        records = zip(*(arrow.column(name).to_pylist() for name in columns), strict=True)
        marks = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(records))
        return
    # Arrow writes the CSV several times faster than pandas; doubles are written in their shortest exact form.
    buffer = pa.BufferOutputStream()
    pa_csv.write_csv(arrow, buffer, pa_csv.WriteOptions(include_header=False))
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (status, note))"
    # The raw psycopg cursor: wrap its errors so callers see Django's IntegrityError, as for any other write.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        copy.write(memoryview(buffer.getvalue()))


def stage(frame: pa.Table) -> None:
    """Load the release's typed rows into the staging table and compare them with the current stored values."""
    same_values = " AND ".join(SAME_NUMBER.format(c=c) for c in ("value", "lci", "uci")) + " AND o.status = i.status"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        cursor.execute(f"DROP TABLE IF EXISTS {COMPARED}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGING} (indicator_id bigint NOT NULL, area_code varchar(12) NOT NULL, "
            "period varchar(20) NOT NULL, period_start date NOT NULL, period_months smallint NOT NULL, "
            "value double precision, lci double precision, uci double precision, status varchar(1) NOT NULL, "
            "note text NOT NULL)"
        )
        load_rows(STAGING, STAGED, frame)
        cursor.execute(f"ANALYZE {STAGING}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {COMPARED} AS SELECT o.id AS id, i.indicator_id, i.area_code, i.period, "
            f"o.value AS value_old, i.value AS value, CASE WHEN {same_values} THEN 0 ELSE 1 END AS value_changed, "
            "CASE WHEN o.note = i.note THEN 0 ELSE 1 END AS note_changed "
            f"FROM {STAGING} i JOIN missions_observation o ON {SAME_KEY.format(a='o', b='i')} "
            "AND o.superseded_by_id IS NULL"
        )


def count_matches() -> tuple[int, int, int]:
    """Return (value revisions, notes-only revisions, unchanged) among the staged rows that match a stored key."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(value_changed), 0), "
            "COALESCE(SUM(CASE WHEN value_changed = 0 AND note_changed = 1 THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN value_changed = 0 AND note_changed = 0 THEN 1 ELSE 0 END), 0) FROM {COMPARED}"
        )
        return tuple(int(n) for n in cursor.fetchone())


def withdraw_missing(*, release_id: int, indicator_ids: list[int]) -> int:
    """Close the current values of these indicators that the release leaves out; return how many."""
    ids = ", ".join(str(int(i)) for i in indicator_ids) or "NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE missions_observation SET superseded_by_id = %s WHERE indicator_id IN ({ids}) "
            f"AND superseded_by_id IS NULL AND NOT EXISTS (SELECT 1 FROM {STAGING} i "
            f"WHERE {SAME_KEY.format(a='i', b='missions_observation')})",
            [release_id],
        )
        return cursor.rowcount


def supersede_and_insert(*, release_id: int) -> None:
    """Close the stored values the release revises, then insert its new and revised rows in key order."""
    columns = ", ".join(STAGED)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE missions_observation SET superseded_by_id = %s "
            f"WHERE id IN (SELECT id FROM {COMPARED} WHERE value_changed = 1 OR note_changed = 1)",
            [release_id],
        )
        cursor.execute(
            f"INSERT INTO missions_observation ({columns}, release_id) SELECT {columns}, %s FROM {STAGING} i "
            f"WHERE NOT EXISTS (SELECT 1 FROM {COMPARED} c WHERE {SAME_KEY.format(a='c', b='i')} "
            "AND c.value_changed = 0 AND c.note_changed = 0) ORDER BY indicator_id, area_code, period",
            [release_id],
        )


def list_flagged(*, above: float, limit: int) -> tuple[int, list[dict]]:
    """Return how many value revisions exceed the relative threshold, and the first `limit` of them."""
    where = (
        f"FROM {COMPARED} WHERE value_changed = 1 AND ((value_old <> 0 AND abs(value - value_old) > %s * "
        "abs(value_old)) OR (value_old = 0 AND value <> 0))"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {where}", [above])
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT indicator_id, area_code, period, value_old, value {where} "
            "ORDER BY indicator_id, area_code, period LIMIT %s",
            [above, limit],
        )
        names = ("indicator_id", "area_code", "period", "old", "new")
        return count, [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def drop_staging() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {COMPARED}")
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
