"""Analysts may write the commentary of an unpublished report (reports.change_report; see reports/roles.py)."""

import importlib

from django.db import migrations


def sync(apps, schema_editor):
    # The same steps as 0004: bring every role up to date with reports/roles.py.
    importlib.import_module("reports.migrations.0004_roles").forwards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_close_trigger_gaps")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
