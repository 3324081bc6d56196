"""TRUNCATE skips row triggers: refuse it on the history tables too (PostgreSQL; SQLite has no TRUNCATE).

A TRUNCATE of an empty history table loses nothing and is let through, so a test database can still be flushed."""

import importlib

from django.db import migrations

TABLES = importlib.import_module("missions.migrations.0005_protect_history").TABLES

POSTGRES = """
CREATE OR REPLACE FUNCTION missions_history_no_truncate() RETURNS trigger AS $$
DECLARE has_rows boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', TG_TABLE_NAME) INTO has_rows;
  IF has_rows THEN
    RAISE EXCEPTION 'the change history is append-only (TRUNCATE on %)', TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
""" + "".join(
    f"CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t} "
    "FOR EACH STATEMENT EXECUTE FUNCTION missions_history_no_truncate();\n"
    for t in TABLES
)
POSTGRES_REVERSE = "".join(f"DROP TRIGGER IF EXISTS {t}_no_truncate ON {t};\n" for t in TABLES) + (
    "DROP FUNCTION IF EXISTS missions_history_no_truncate();"
)


def _run(schema_editor, sql):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, POSTGRES)


def backwards(apps, schema_editor):
    _run(schema_editor, POSTGRES_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("missions", "0012_downloads")]
    operations = [migrations.RunPython(forwards, backwards)]
