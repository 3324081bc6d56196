import pytest
from django.contrib.auth.models import Permission

from missions.services.catalogue import load_catalogue
from missions.services.ingest import ingest_source, register_source
from tests.snapshots import load_once


def make_user(django_user_model, name: str, *perms: str, staff: bool = True):
    user = django_user_model.objects.create_user(username=name, password="a-long-test-password", is_staff=staff)
    for perm in perms:
        user.user_permissions.add(Permission.objects.get(codename=perm))
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def hle_data(shared_data, db):
    load_once("hle", lambda: load_hle_data(shared_data))


def load_hle_data(shared_data) -> None:
    load_catalogue()
    slug = "healthy-life-expectancy"
    ingest_source(source=register_source(slug=slug), location=str(shared_data / "ons-els" / slug))


def remove_published_reports() -> None:
    """Test teardown only (transactional tests on SQLite flush with DELETE): lift the database protections of
    published reports and of the change history, delete those rows, then restore the protections."""
    import importlib

    from django.db import connection

    from missions.models import Metric, Mission, Target
    from reports.models import PreReleaseAccess, Report, ScheduleChange

    migrations = [
        importlib.import_module(m)
        for m in (
            "reports.migrations.0002_protect_published_reports",
            "reports.migrations.0005_commentary",
            "reports.migrations.0008_close_trigger_gaps",
            "missions.migrations.0005_protect_history",
        )
    ]
    with connection.schema_editor() as editor:
        for migration in migrations[::-1]:
            migration.backwards(None, editor)
    try:
        PreReleaseAccess.objects.all().delete()  # kept (PROTECT) when a report is deleted: cleared here first
        ScheduleChange.objects.all().delete()
        Report.objects.filter(supersedes__isnull=False).delete()
        Report.objects.all().delete()
        for model in (Target, Metric, Mission):
            model.history.all().delete()
    finally:
        with connection.schema_editor() as editor:
            for migration in migrations:
                migration.forwards(None, editor)
