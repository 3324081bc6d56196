"""The audit trail is append-only in the database: history rows can be added, never altered or deleted."""

from django.db import migrations

TABLES = ("missions_historicalmission", "missions_historicalmetric", "missions_historicaltarget")

POSTGRES = """
CREATE OR REPLACE FUNCTION missions_history_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the change history is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END $$ LANGUAGE plpgsql;
""" + "".join(
    f"CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} "
    "FOR EACH ROW EXECUTE FUNCTION missions_history_append_only();\n"
    for t in TABLES
)
POSTGRES_REVERSE = "".join(f"DROP TRIGGER IF EXISTS {t}_append_only ON {t};\n" for t in TABLES) + (
    "DROP FUNCTION IF EXISTS missions_history_append_only();"
)
SQLITE = [
    f"CREATE TRIGGER {t}_no_{op.lower()} BEFORE {op} ON {t} "
    f"BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END"
    for t in TABLES
    for op in ("UPDATE", "DELETE")
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {t}_no_{op}" for t in TABLES for op in ("update", "delete")]


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, [POSTGRES] if schema_editor.connection.vendor == "postgresql" else SQLITE)


def backwards(apps, schema_editor):
    _run(schema_editor, [POSTGRES_REVERSE] if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("missions", "0004_governance")]
    operations = [migrations.RunPython(forwards, backwards)]
