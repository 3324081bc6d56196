"""Commentary on a report: frozen with it once published, in the database as in the model (see 0002)."""

import importlib

from django.db import migrations, models

protect = importlib.import_module("reports.migrations.0002_protect_published_reports")
FROZEN = (*protect.FROZEN, "commentary")


def _statements(vendor: str, frozen: tuple) -> list[str]:
    if vendor == "postgresql":
        return [protect.POSTGRES.split("CREATE TRIGGER reports_report_protect")[0].replace(
            " OR ".join(f"NEW.{f}::text IS DISTINCT FROM OLD.{f}::text" for f in protect.FROZEN),
            " OR ".join(f"NEW.{f}::text IS DISTINCT FROM OLD.{f}::text" for f in frozen),
        )]
    update = protect.SQLITE[1].replace(
        " OR ".join(f"NEW.{f} IS NOT OLD.{f}" for f in protect.FROZEN),
        " OR ".join(f"NEW.{f} IS NOT OLD.{f}" for f in frozen),
    )
    return ["DROP TRIGGER IF EXISTS reports_report_no_update", update]


def _sqlite(schema_editor) -> bool:
    return schema_editor.connection.vendor == "sqlite"


def lift(apps, schema_editor):
    # SQLite adds a column by rebuilding the table, which its triggers on reports_report would break.
    if _sqlite(schema_editor):
        protect.backwards(apps, schema_editor)


def restore(apps, schema_editor):
    if _sqlite(schema_editor):
        protect.forwards(apps, schema_editor)


def forwards(apps, schema_editor):
    if _sqlite(schema_editor):  # idempotent: drop whatever is there, then create the full set
        protect.backwards(apps, schema_editor)
        protect.forwards(apps, schema_editor)
    protect._run(schema_editor, _statements(schema_editor.connection.vendor, FROZEN))


def backwards(apps, schema_editor):
    if _sqlite(schema_editor):
        protect.backwards(apps, schema_editor)
    else:
        protect._run(schema_editor, _statements("postgresql", protect.FROZEN))


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_roles")]
    operations = [
        migrations.RunPython(lift, restore),
        migrations.AddField(
            model_name="report",
            name="commentary",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The analysts' words: key_messages (list), missions ({slug: Markdown}), illustrative (bool).",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
