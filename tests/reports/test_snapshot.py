"""The report snapshot is a pure read of stored assessments; building a report is what assesses."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missions.models import Assessment
from reports.services import build_report
from reports.snapshot import build_snapshot

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 6, 30)
WRITES = ("INSERT", "UPDATE", "DELETE")


def test_building_a_snapshot_writes_nothing(site_data):
    with CaptureQueriesContext(connection) as queries:
        snapshot = build_snapshot(as_of=AS_OF)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []
    assert sum(len(m["targets"]) for m in snapshot["missions"]) == len(site_data)


def test_a_snapshot_shows_the_assessments_stored_at_its_date_and_assesses_nothing(site_data):
    assessed = Assessment.objects.filter(as_of=AS_OF).count()
    stored = {(a.target.metric.slug, a.target.key, a.breakdown, a.status) for a in site_data}
    snapshot = build_snapshot(as_of=AS_OF)
    shown = {
        (e["metric"], e["target_key"], e["breakdown"], e["status"]) for m in snapshot["missions"] for e in m["targets"]
    }
    assert shown == stored
    assert sum(len(m["targets"]) for m in build_snapshot(as_of=date(2026, 7, 1))["missions"]) == 0
    assert Assessment.objects.count() == assessed


def test_building_a_report_assesses_at_its_date_before_the_snapshot(site_data, people):
    later = date(2026, 7, 1)
    report = build_report(as_of=later, author=people["analyst"])
    assessed = Assessment.objects.filter(as_of=later).count()
    assert assessed == len(site_data)
    assert sum(len(m["targets"]) for m in report.snapshot["missions"]) == assessed
