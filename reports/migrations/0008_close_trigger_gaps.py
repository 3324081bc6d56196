"""Close two gaps in the published-report triggers (see 0002, 0005): a published report's approver, approval time
and author are frozen too, and an artefact can be neither moved out of nor into a published report."""

import importlib

from django.db import migrations

protect = importlib.import_module("reports.migrations.0002_protect_published_reports")
commentary = importlib.import_module("reports.migrations.0005_commentary")
FROZEN = (*commentary.FROZEN, "approved_by_id", "approved_at", "created_by_id")
PUBLIC = protect.PUBLIC

POSTGRES_ARTEFACT = f"""
CREATE OR REPLACE FUNCTION reports_protect_artefact() RETURNS trigger AS $$
DECLARE old_status text; new_status text;
BEGIN
  IF TG_OP <> 'INSERT' THEN SELECT status INTO old_status FROM reports_report WHERE id = OLD.report_id; END IF;
  IF TG_OP <> 'DELETE' THEN SELECT status INTO new_status FROM reports_report WHERE id = NEW.report_id; END IF;
  IF old_status IN {PUBLIC} OR new_status IN {PUBLIC} THEN
    RAISE EXCEPTION 'the artefacts of a published report cannot change';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
"""
SQLITE_ARTEFACT = [
    "DROP TRIGGER IF EXISTS reports_artefact_no_update_into",
    f"""CREATE TRIGGER reports_artefact_no_update_into BEFORE UPDATE ON reports_artefact
        WHEN (SELECT status FROM reports_report WHERE id = NEW.report_id) IN {PUBLIC}
        BEGIN SELECT RAISE(ABORT, 'the artefacts of a published report cannot change'); END""",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    artefact = [POSTGRES_ARTEFACT] if vendor == "postgresql" else SQLITE_ARTEFACT
    protect._run(schema_editor, [*commentary._statements(vendor, FROZEN), *artefact])


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":  # 0002's artefact function, which looked at the new report only
        text = protect.POSTGRES
        start, end = text.index("CREATE OR REPLACE FUNCTION reports_protect_artefact"), text.index("CREATE TRIGGER reports_artefact")
        artefact = [text[start:end]]
    else:
        artefact = SQLITE_ARTEFACT[:1]
    protect._run(schema_editor, [*commentary._statements(vendor, commentary.FROZEN), *artefact])


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_keep_access_and_schedule_records")]
    operations = [migrations.RunPython(forwards, backwards)]
