"""Published reports and their artefacts are immutable in the database too, not only in the model."""

from django.db import migrations

FROZEN = ("title", "as_of", "snapshot", "version", "series", "correction_notice", "published_at", "scheduled_for",
          "supersedes_id")
PUBLIC = "('published', 'superseded')"

POSTGRES = f"""
CREATE OR REPLACE FUNCTION reports_protect_report() RETURNS trigger AS $$
BEGIN
  IF OLD.status IN {PUBLIC} THEN
    IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'published report % cannot be deleted', OLD.id; END IF;
    IF NEW.status NOT IN {PUBLIC} OR (OLD.status = 'superseded' AND NEW.status <> 'superseded')
       OR {" OR ".join(f"NEW.{f}::text IS DISTINCT FROM OLD.{f}::text" for f in FROZEN)} THEN
      RAISE EXCEPTION 'published report % cannot be altered', OLD.id;
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER reports_report_protect BEFORE UPDATE OR DELETE ON reports_report
  FOR EACH ROW EXECUTE FUNCTION reports_protect_report();

CREATE OR REPLACE FUNCTION reports_protect_artefact() RETURNS trigger AS $$
DECLARE report_status text;
BEGIN
  SELECT status INTO report_status FROM reports_report
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.report_id ELSE NEW.report_id END;
  IF report_status IN {PUBLIC} THEN
    RAISE EXCEPTION 'the artefacts of a published report cannot change';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER reports_artefact_protect BEFORE INSERT OR UPDATE OR DELETE ON reports_artefact
  FOR EACH ROW EXECUTE FUNCTION reports_protect_artefact();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS reports_report_protect ON reports_report;
DROP TRIGGER IF EXISTS reports_artefact_protect ON reports_artefact;
DROP FUNCTION IF EXISTS reports_protect_report();
DROP FUNCTION IF EXISTS reports_protect_artefact();
"""

SQLITE = [
    f"""CREATE TRIGGER reports_report_no_delete BEFORE DELETE ON reports_report WHEN OLD.status IN {PUBLIC}
        BEGIN SELECT RAISE(ABORT, 'published report cannot be deleted'); END""",
    f"""CREATE TRIGGER reports_report_no_update BEFORE UPDATE ON reports_report WHEN OLD.status IN {PUBLIC} AND (
          NEW.status NOT IN {PUBLIC} OR (OLD.status = 'superseded' AND NEW.status <> 'superseded')
          OR {" OR ".join(f"NEW.{f} IS NOT OLD.{f}" for f in FROZEN)})
        BEGIN SELECT RAISE(ABORT, 'published report cannot be altered'); END""",
    *[
        f"""CREATE TRIGGER reports_artefact_no_{op.lower()} BEFORE {op} ON reports_artefact
            WHEN (SELECT status FROM reports_report WHERE id = {row}.report_id) IN {PUBLIC}
            BEGIN SELECT RAISE(ABORT, 'the artefacts of a published report cannot change'); END"""
        for op, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD"))
    ],
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in ("reports_report_no_delete", "reports_report_no_update", "reports_artefact_no_insert",
                 "reports_artefact_no_update", "reports_artefact_no_delete")
]


def _run(schema_editor, statements):
    # A plain cursor with no parameters: the trigger bodies contain % placeholders of their own.
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, [POSTGRES] if schema_editor.connection.vendor == "postgresql" else SQLITE)


def backwards(apps, schema_editor):
    _run(schema_editor, [POSTGRES_REVERSE] if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
