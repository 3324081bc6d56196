import pytest
from django.contrib.auth.models import Permission

from missions.services.catalogue import load_catalogue
from missions.services.ingest import ingest_source, register_source


def make_user(django_user_model, name: str, *perms: str, staff: bool = True):
    user = django_user_model.objects.create_user(username=name, password="a-long-test-password", is_staff=staff)
    for perm in perms:
        user.user_permissions.add(Permission.objects.get(codename=perm))
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def hle_data(shared_data):
    load_catalogue()
    slug = "healthy-life-expectancy"
    ingest_source(source=register_source(slug=slug), location=str(shared_data / "ons-els" / slug))


def remove_published_reports() -> None:
    """Test teardown only: lift the database protection of published reports, delete them, restore it."""
    import importlib

    from django.db import connection

    from reports.models import Report

    migration = importlib.import_module("reports.migrations.0002_protect_published_reports")
    with connection.schema_editor() as editor:
        migration.backwards(None, editor)
    try:
        Report.objects.filter(supersedes__isnull=False).delete()
        Report.objects.all().delete()
    finally:
        with connection.schema_editor() as editor:
            migration.forwards(None, editor)
