"""A release's rows cost one index and no per-row reference events.

The full (indicator, area, period) index duplicated one_current_value_per_key for current values; it becomes a
partial index of replaced values only, so a COPY of new (current) rows maintains one key index instead of two
(about 0.7 s of a 2 s snapshot COPY). superseded_by's deferred foreign key queued an event for every inserted row,
NULL or not, and ran them at commit (about 0.2 s); it is checked per statement by the reference trigger instead, as
release and indicator are (0010, 0017), and a release that replaced values cannot be deleted.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

M0010 = importlib.import_module("missions.migrations.0010_observation_references_per_statement")
M0017 = importlib.import_module("missions.migrations.0017_observation_references_one_pass")

POSTGRES = """
CREATE OR REPLACE FUNCTION missions_observation_check_references() RETURNS trigger AS $$
DECLARE indicators bigint[]; releases bigint[]; replacing bigint[]; missing bigint;
BEGIN
  SELECT array_agg(DISTINCT t.indicator_id), array_agg(DISTINCT t.release_id),
         array_agg(DISTINCT t.superseded_by_id) FILTER (WHERE t.superseded_by_id IS NOT NULL)
    INTO indicators, releases, replacing
    FROM (SELECT indicator_id, release_id, superseded_by_id FROM new_rows GROUP BY 1, 2, 3) t;
  releases := releases || coalesce(replacing, '{}');
  PERFORM 1 FROM missions_indicator WHERE id = ANY (indicators) FOR KEY SHARE;
  PERFORM 1 FROM missions_release WHERE id = ANY (releases) FOR KEY SHARE;
  SELECT n INTO missing FROM unnest(indicators) n
    WHERE NOT EXISTS (SELECT 1 FROM missions_indicator i WHERE i.id = n) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'observation refers to indicator %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT n INTO missing FROM unnest(releases) n
    WHERE NOT EXISTS (SELECT 1 FROM missions_release r WHERE r.id = n) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'observation refers to release %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION missions_refuse_referenced_delete() RETURNS trigger AS $$
BEGIN
  IF (TG_ARGV[0] = 'indicator_id' AND EXISTS (SELECT 1 FROM missions_observation WHERE indicator_id = OLD.id))
     OR (TG_ARGV[0] = 'release_id' AND EXISTS (SELECT 1 FROM missions_observation WHERE release_id = OLD.id))
     OR (TG_ARGV[0] = 'release_id' AND EXISTS (SELECT 1 FROM missions_observation WHERE superseded_by_id = OLD.id))
  THEN
    RAISE EXCEPTION '% % has observations and cannot be deleted', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$ LANGUAGE plpgsql;
"""
POSTGRES_REVERSE = (
    M0017.POSTGRES
    + """
CREATE OR REPLACE FUNCTION missions_refuse_referenced_delete() RETURNS trigger AS $$
BEGIN
  IF (TG_ARGV[0] = 'indicator_id' AND EXISTS (SELECT 1 FROM missions_observation WHERE indicator_id = OLD.id))
     OR (TG_ARGV[0] = 'release_id' AND EXISTS (SELECT 1 FROM missions_observation WHERE release_id = OLD.id)) THEN
    RAISE EXCEPTION '% % has observations and cannot be deleted', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$ LANGUAGE plpgsql;
"""
)

# SQLite remakes the table to drop a foreign key, which a trigger naming the table would break: the old triggers go
# first, the new ones come after.
SQLITE = [
    *(
        f"CREATE TRIGGER missions_observation_references_{op.lower()} BEFORE {op} ON missions_observation "
        "WHEN NOT EXISTS (SELECT 1 FROM missions_indicator WHERE id = NEW.indicator_id) "
        "OR NOT EXISTS (SELECT 1 FROM missions_release WHERE id = NEW.release_id) "
        "OR (NEW.superseded_by_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM missions_release WHERE id = NEW.superseded_by_id)) "
        "BEGIN SELECT RAISE(ABORT, 'observation refers to an indicator or release that does not exist'); END"
        for op in ("INSERT", "UPDATE")
    ),
    "CREATE TRIGGER missions_indicator_observations_protected BEFORE DELETE ON missions_indicator "
    "WHEN EXISTS (SELECT 1 FROM missions_observation WHERE indicator_id = OLD.id) "
    "BEGIN SELECT RAISE(ABORT, 'this row has observations and cannot be deleted'); END",
    "CREATE TRIGGER missions_release_observations_protected BEFORE DELETE ON missions_release "
    "WHEN EXISTS (SELECT 1 FROM missions_observation WHERE release_id = OLD.id OR superseded_by_id = OLD.id) "
    "BEGIN SELECT RAISE(ABORT, 'this row has observations and cannot be deleted'); END",
]


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, [POSTGRES] if schema_editor.connection.vendor == "postgresql" else SQLITE)


def backwards(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    _run(schema_editor, [POSTGRES_REVERSE] if postgres else M0010.SQLITE_REVERSE)


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _run(schema_editor, M0010.SQLITE_REVERSE)


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _run(schema_editor, M0010.SQLITE)


class Migration(migrations.Migration):
    dependencies = [("missions", "0017_observation_references_one_pass")]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, restore_sqlite_triggers),
        migrations.RemoveIndex(model_name="observation", name="missions_ob_indicat_317a35_idx"),
        migrations.AlterField(
            model_name="observation",
            name="superseded_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="superseded",
                to="missions.release",
            ),
        ),
        migrations.AddIndex(
            model_name="observation",
            index=models.Index(
                condition=models.Q(("superseded_by__isnull", False)),
                fields=["indicator", "area_code", "period"],
                name="replaced_value_per_key",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
