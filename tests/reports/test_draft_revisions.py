"""Earlier drafts: kept when a draft is rebuilt or its commentary edited, and shown in the staff diff beside the
difference from the last published report, under the four-eyes rule and the embargo."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from missions.models import Target
from reports.drafting import edit_commentary, list_staff_diffs, rebuild_report
from reports.models import DraftRevision, Report
from reports.services import approve_report, build_report, publish_due_reports, schedule_report
from tests.reports.conftest import make_user

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
AS_OF = date(2026, 6, 30)
SENTINEL = "Sentinel 5820417736"


@pytest.fixture
def team(people, django_user_model):
    return people | {"writer": make_user(django_user_model, "writer", "add_report", "view_report", "change_report")}


def publish(report: Report, team) -> Report:
    with time_machine.travel(datetime(2026, 11, 23, 15, 0, tzinfo=LONDON), tick=False):
        approve_report(report=report, user=team["approver"])
        schedule_report(report=report, user=team["publisher"])
    with time_machine.travel(datetime(2026, 11, 24, 9, 30, tzinfo=LONDON), tick=False):
        publish_due_reports()
    report.refresh_from_db()
    return report


def move_the_goalposts(value: int) -> None:
    target = Target.objects.get(metric__slug="healthy-life-expectancy", key="change")
    target.value = value
    target._change_reason = "Test: the target moved while the report was a draft"
    target.save()


def diffs(report: Report) -> dict[str, dict]:
    return {d["against"]: d for d in list_staff_diffs(Report.objects.get(pk=report.pk))}


def test_a_first_draft_has_no_previous_draft_and_is_read_against_the_last_published_report(hle_data, team):
    published = publish(build_report(as_of=date(2026, 1, 1), author=team["writer"]), team)
    report = build_report(as_of=AS_OF, author=team["writer"])
    found = diffs(report)
    assert found["the previous draft"] == {"against": "the previous draft", "other": None}
    assert found["the last published report"]["other"] == published
    assert not DraftRevision.objects.exists()


def test_editing_the_commentary_keeps_the_draft_it_replaces(hle_draft, team):
    report = hle_draft  # built at AS_OF by the analyst, once per test process
    drafted = report.commentary
    edit_commentary(report=report, user=team["writer"], key_messages=["First words."], missions={})
    edit_commentary(report=report, user=team["writer"], key_messages=["Second words."], missions={})
    edit_commentary(report=report, user=team["writer"], key_messages=["Second words."], missions={})  # no change
    kept = list(DraftRevision.objects.filter(report=report).order_by("number"))
    assert [(k.number, k.change, k.replaced_by) for k in kept] == [
        (1, "commentary", team["writer"]),
        (2, "commentary", team["writer"]),
    ]
    assert kept[0].commentary == drafted and kept[1].commentary["key_messages"] == ["First words."]
    assert kept[0].snapshot is None  # the figures did not change: not copied
    previous = diffs(report)["the previous draft"]
    assert previous["other"] == kept[1] and previous["figures"] == []
    assert previous["commentary"] == [
        {"change": "removed", "text": "Key message: First words."},
        {"change": "added", "text": "Key message: Second words."},
    ]


def test_rebuilding_keeps_the_previous_figures_and_redrafts_only_untouched_commentary(hle_draft, team):
    report = hle_draft  # built at AS_OF by the analyst, once per test process
    before = report.snapshot
    move_the_goalposts(3)
    rebuild_report(report=report, user=team["analyst"])
    report.refresh_from_db()
    kept = DraftRevision.objects.get(report=report)
    assert (kept.change, kept.snapshot, kept.replaced_by) == ("rebuilt", before, team["analyst"])
    assert report.commentary["drafted"] is True
    figures = diffs(report)["the previous draft"]["figures"]
    removed = [r["text"] for r in figures if r["change"] == "removed"]
    added = [r["text"] for r in figures if r["change"] == "added"]
    assert removed and all(line.startswith("healthy-life-expectancy-change") for line in removed + added)
    assert len(removed) == len(added) and removed != added
    names = set(report.artefacts.values_list("name", flat=True))  # rendered again from the new snapshot
    assert "report.html" in names and "data.xlsx" in names and "report.pdf" not in names  # a draft stores no PDF

    edit_commentary(report=report, user=team["writer"], key_messages=["Our own words."], missions={})
    move_the_goalposts(4)
    rebuild_report(report=report, user=team["analyst"])
    report.refresh_from_db()
    assert report.commentary["key_messages"] == ["Our own words."]  # an analyst's words survive a rebuild
    assert DraftRevision.objects.filter(report=report).count() == 3


def test_whoever_rebuilt_a_draft_cannot_approve_it_and_a_rebuild_undoes_an_approval(hle_draft, team, django_user_model):
    report = hle_draft  # built at AS_OF by the analyst, once per test process
    both = make_user(django_user_model, "both", "add_report", "approve_report", "view_report")
    approve_report(report=report, user=team["approver"])
    with time_machine.travel(datetime(2026, 11, 23, 15, 0, tzinfo=LONDON), tick=False):
        schedule_report(report=report, user=team["publisher"])
    rebuild_report(report=report, user=both)
    report.refresh_from_db()
    assert (report.status, report.approved_by, report.scheduled_for) == ("draft", None, None)
    with pytest.raises(PermissionDenied, match="four eyes"):
        approve_report(report=report, user=both)
    with pytest.raises(PermissionDenied):
        rebuild_report(report=report, user=team["approver"])  # rebuilding is building: analysts only
    assert approve_report(report=report, user=team["approver"]).status == "approved"


def test_a_published_report_is_never_rebuilt_and_a_kept_draft_never_altered(hle_data, team):
    report = build_report(as_of=AS_OF, author=team["writer"])
    edit_commentary(report=report, user=team["writer"], key_messages=["Words."], missions={})
    kept = DraftRevision.objects.get(report=report)
    kept.commentary = {"key_messages": ["rewritten history"]}
    with pytest.raises(ValidationError, match="never altered"):
        kept.save()
    publish(report, team)
    with pytest.raises(ValidationError, match="never rebuilt"):
        rebuild_report(report=report, user=team["analyst"])


def test_the_staff_diff_shows_both_differences_and_is_embargoed(hle_data, team, client):
    published = publish(build_report(as_of=date(2026, 1, 1), author=team["writer"]), team)
    report = build_report(as_of=AS_OF, author=team["writer"])
    edit_commentary(report=report, user=team["writer"], key_messages=[f"{SENTINEL} draft one."], missions={})
    edit_commentary(report=report, user=team["writer"], key_messages=["Draft two."], missions={})
    url = f"/staff/reports/{report.pk}/diff/"
    assert client.get(url).status_code == 302  # not signed in: sent to sign in
    client.force_login(team["nobody"])
    assert client.get(url).status_code == 403
    for public in ("/reports/", "/api/reports/", "/reports/feed.atom", "/"):
        assert SENTINEL.encode() not in client.get(public).content, public
    client.force_login(team["approver"])
    response = client.get(url)
    page = response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert "Against the previous draft" in page and "Against the last published report" in page
    assert f"<del>Key message: {SENTINEL} draft one.</del>" in page and "<ins>Key message: Draft two.</ins>" in page
    assert published.title in page and "Draft 2, replaced" in page
    assert report.pre_release_access.filter(user=team["approver"], path=url).exists()
    publish(report, team)
    assert SENTINEL.encode() not in client.get(f"/reports/{report.series}/v1/").content
