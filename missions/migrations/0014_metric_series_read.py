"""The series a metric reads, copied onto the metric so that a change to them shows in its history diff."""

import importlib

from django.db import migrations, models

protect = importlib.import_module("missions.migrations.0005_protect_history")


def fill(apps, schema_editor):
    # An update, not a save: filling in what was always so is no change to record.
    Metric, MetricSeries = apps.get_model("missions", "Metric"), apps.get_model("missions", "MetricSeries")
    for metric in Metric.objects.all():
        rows = MetricSeries.objects.filter(metric=metric).order_by("source_slug", "indicator_name", "breakdown")
        text = "\n".join(f"{s.source_slug}: {s.indicator_name}{f' ({s.breakdown})' if s.breakdown else ''}" for s in rows)
        Metric.objects.filter(pk=metric.pk).update(series_read=text)


def restore_protection(apps, schema_editor):
    # SQLite adds a column by rebuilding the table, which drops its append-only triggers: put them all back.
    if schema_editor.connection.vendor == "sqlite":
        protect.backwards(apps, schema_editor)
        protect.forwards(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('missions', '0013_history_no_truncate'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalmetric',
            name='series_read',
            field=models.TextField(blank=True, help_text='The series it reads, one a line: kept here so its history shows changes.'),
        ),
        migrations.AddField(
            model_name='metric',
            name='series_read',
            field=models.TextField(blank=True, help_text='The series it reads, one a line: kept here so its history shows changes.'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(restore_protection, migrations.RunPython.noop),
    ]
