"""Take the two-factor device permissions (TOTP secrets) out of every role but Administrator; see reports/roles.py."""

import importlib

from django.db import migrations


def forwards(apps, schema_editor):
    # The same step as 0004: create any missing permissions, then set every role to exactly reports.roles.ROLES.
    importlib.import_module("reports.migrations.0004_roles").forwards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_commentary")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
