"""The public pages speak in the monitor's voice: the latest report's key messages and findings in words."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from reports.drafting import edit_commentary
from reports.services import approve_report, publish_due_reports, schedule_report
from tests.reports.conftest import make_user

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_before_any_report_the_home_page_lists_the_missions_with_their_findings(site_data, client):
    page = client.get("/").content.decode()
    assert "not a government service" in page and "Latest report" not in page
    assert "Healthy life expectancy at birth for men fell from" in page or "Healthy life expectancy" in page


def test_the_home_and_mission_pages_show_the_latest_report_and_findings_in_words(
    site_draft, people, client, django_user_model
):
    writer = make_user(django_user_model, "writer", "add_report", "change_report", "view_report")
    report = site_draft  # built at 30 June 2026 by the analyst, once per test process
    edit_commentary(report=report, user=writer, key_messages=["Health is *worse* than at the baseline."], missions={})
    with time_machine.travel(datetime(2026, 11, 23, 15, 0, tzinfo=LONDON), tick=False):
        approve_report(report=report, user=people["approver"])
        schedule_report(report=report, user=people["publisher"])
    with time_machine.travel(datetime(2026, 11, 24, 9, 30, tzinfo=LONDON), tick=False):
        publish_due_reports()
    health = next(m for m in report.snapshot["missions"] if m["slug"] == "health")
    home = client.get("/").content.decode()
    assert "Health is <em>worse</em> than at the baseline." in home
    assert "not a government service" in home and health["headline"] in home
    assert home.index("Latest report") < home.index("Every mission now")
    mission = client.get("/missions/health/").content.decode()
    finding = next(e for e in health["targets"] if e["key"].endswith("change-male"))["finding"]["sentences"][0]
    assert finding in mission and mission.index(finding) < mission.index('id="since-last-report"')
    assert "No status moved." in mission and report.title in mission
