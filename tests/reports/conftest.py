from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission

from missions.services.catalogue import load_catalogue
from missions.services.ingest import ingest_source, register_source
from tests.snapshots import load_once


def make_user(django_user_model, name: str, *perms: str, staff: bool = True):
    user = django_user_model.objects.create_user(username=name, password="a-long-test-password", is_staff=staff)
    for perm in perms:
        user.user_permissions.add(Permission.objects.get(codename=perm))
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


LONDON = ZoneInfo("Europe/London")
AS_OF = date(2026, 6, 30)
MONDAY = datetime(2026, 11, 23, 15, 0, tzinfo=LONDON)


def publish(report, people, *, at: datetime = MONDAY):
    """Approve and schedule a draft at `at` (the approver and publisher of `people`), then release it when due."""
    from reports.services import approve_report, publish_due_reports, schedule_report

    with time_machine.travel(at, tick=False):
        approve_report(report=report, user=people["approver"])
        schedule_report(report=report, user=people["publisher"])
    with time_machine.travel(report.scheduled_for, tick=False):
        publish_due_reports()
    report.refresh_from_db()
    return report


def build_published_report(people, *, as_of: date = AS_OF, at: datetime = MONDAY):
    """Build a report on Monday afternoon as the analyst and publish it at 09:30 the next working day."""
    from reports.services import build_report

    with time_machine.travel(at, tick=False):
        report = build_report(as_of=as_of, author=people["analyst"])
    return publish(report, people, at=at)


@pytest.fixture
def hle_data(shared_data, db):
    load_once("hle", lambda: load_hle_data(shared_data))


@pytest.fixture
def hle_draft(hle_data, people):
    """A draft report on the HLE data by the analyst. Built for real (assessments, charts, PDF: about 15 s) once per
    test process and copied back for each later test: for tests of what is done with a built report."""
    from reports.models import Report
    from reports.services import build_report

    pk = load_once("hle-draft", lambda: build_report(as_of=AS_OF, author=people["analyst"]).pk)
    return Report.objects.get(pk=pk)


@pytest.fixture
def hle_published(hle_draft, people):
    """That draft approved and scheduled on Monday afternoon and published at 09:30 on Tuesday, once per process."""
    from reports.models import Report

    return Report.objects.get(pk=load_once("hle-published", lambda: publish(hle_draft, people).pk))


def load_hle_data(shared_data) -> None:
    load_catalogue()
    slug = "healthy-life-expectancy"
    ingest_source(source=register_source(slug=slug), location=str(shared_data / "ons-els" / slug))


def remove_published_reports() -> None:
    """Test teardown only (transactional tests on SQLite flush with DELETE): lift the database protections of
    published reports and of the change history, delete those rows and the observations (which protect their
    indicators and releases from deletion), then restore the protections."""
    import importlib

    from django.db import connection

    from missions.models import Metric, Mission, Observation, Target
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
        Observation.objects.all().delete()  # first: SQLite's flush deletes indicators and releases in name order
    finally:
        with connection.schema_editor() as editor:
            for migration in migrations:
                migration.forwards(None, editor)
