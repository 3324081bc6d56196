"""Check an observation statement's references in one pass over its new rows instead of four.

Migration 0010's function read the statement's transition table four times (two DISTINCTs, two anti-joins over every
row); for a release's COPY that cost half as much again as the COPY with its indexes. The distinct (indicator,
release) pairs are now taken once and only those few are checked and locked; the guarantees are unchanged.
"""

import importlib

from django.db import migrations

BEFORE = importlib.import_module("missions.migrations.0010_observation_references_per_statement").POSTGRES
OLD_FUNCTION = BEFORE.split("CREATE TRIGGER")[0].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)

POSTGRES = """
CREATE OR REPLACE FUNCTION missions_observation_check_references() RETURNS trigger AS $$
DECLARE indicators bigint[]; releases bigint[]; missing bigint;
BEGIN
  SELECT array_agg(DISTINCT pair.indicator_id), array_agg(DISTINCT pair.release_id) INTO indicators, releases
    FROM (SELECT indicator_id, release_id FROM new_rows GROUP BY indicator_id, release_id) pair;
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
"""


def _run(schema_editor, sql):
    if schema_editor.connection.vendor == "postgresql":  # SQLite checks each row in a BEFORE trigger (0010)
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, POSTGRES)


def backwards(apps, schema_editor):
    _run(schema_editor, OLD_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [("missions", "0016_observation_no_area_index")]
    operations = [migrations.RunPython(forwards, backwards)]
