"""Commentary: drafted from the findings, sanitised, under four-eyes approval, immutable once published."""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from reports.commentary import render_markdown
from reports.drafting import edit_commentary
from reports.models import Report
from reports.services import approve_report, build_report, correct_report, schedule_report
from tests.reports.conftest import AS_OF, LONDON, make_user

pytestmark = pytest.mark.django_db
HEALTH = "health"


@pytest.fixture
def team(people, django_user_model):
    return people | {"writer": make_user(django_user_model, "writer", "add_report", "view_report", "change_report")}


def html(report: Report) -> str:
    return bytes(report.artefacts.get(name="report.html").content).decode()


def test_the_draft_commentary_is_written_from_the_findings(hle_draft, team):
    report = hle_draft
    health = next(m for m in report.snapshot["missions"] if m["slug"] == HEALTH)
    drafted = report.commentary["missions"][HEALTH]
    assert drafted and drafted.split(". ")[0] in " ".join(e["finding"]["sentences"][0] for e in health["targets"])
    assert report.commentary["key_messages"][0].startswith(
        f"Of {sum(len(m['targets']) for m in report.snapshot['missions'])} "
    )
    assert "Key messages" in html(report) and health["headline"] in html(report)


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        "<style>body{display:none}</style>",
    ],
)
def test_commentary_markdown_is_sanitised_when_shown(attack):
    shown = render_markdown(f"Healthy life expectancy fell. {attack}")
    assert "<script" not in shown and "javascript:" not in shown and "onerror" not in shown and "<style" not in shown
    assert "Healthy life expectancy fell." in shown


def test_an_edited_commentary_is_rendered_sanitised_into_the_report(hle_draft, team):
    report = hle_draft
    edit_commentary(
        report=report,
        user=team["writer"],
        key_messages=["**Healthy life expectancy fell** for men and women.", '=HYPERLINK("http://x")'],
        missions={HEALTH: "The gap widened.\n\n<script>alert(1)</script>"},
    )
    page = html(Report.objects.get(pk=report.pk))
    assert "<strong>Healthy life expectancy fell</strong>" in page and "The gap widened." in page
    assert "<script>alert" not in page and "=HYPERLINK" in page  # shown as text, never a live formula or script


@pytest.mark.parametrize(
    ("key_messages", "missions", "error"),
    [
        (["A NUL\x00byte"], {}, "NUL"),
        ([], {HEALTH: "x" * 5001}, "longer than"),
        (["one"] * 9, {}, "at most"),
        ([], {"not-a-mission": "text"}, "at most"),
    ],
)
def test_commentary_an_attacker_might_send_is_refused(hle_draft, team, key_messages, missions, error):
    report = hle_draft
    with pytest.raises(ValidationError, match=error):
        edit_commentary(report=report, user=team["writer"], key_messages=key_messages, missions=missions)


def test_only_a_commentary_writer_may_edit_it(hle_draft, team):
    report = hle_draft
    for role in ("analyst", "approver", "publisher", "nobody"):
        with pytest.raises(PermissionDenied):
            edit_commentary(report=report, user=team[role], key_messages=["x"], missions={})


def test_editing_approved_commentary_sends_the_report_back_for_four_eyes_approval(hle_draft, team):
    report = hle_draft
    approve_report(report=report, user=team["approver"])
    with time_machine.travel(datetime(2026, 11, 23, 15, 0, tzinfo=LONDON), tick=False):
        schedule_report(report=report, user=team["publisher"])
    report = edit_commentary(report=report, user=team["writer"], key_messages=["Revised message."], missions={})
    assert (report.status, report.approved_by, report.scheduled_for) == ("draft", None, None)
    assert "Revised message." in html(report)
    with pytest.raises(ValidationError, match="approved"):
        schedule_report(report=report, user=team["publisher"])
    assert approve_report(report=report, user=team["approver"]).status == "approved"


def test_whoever_last_wrote_the_commentary_cannot_approve_it(hle_draft, team, django_user_model):
    report = hle_draft
    editor = make_user(django_user_model, "editor", "change_report", "approve_report")
    edit_commentary(report=report, user=editor, key_messages=["An approver's own words."], missions={})
    with pytest.raises(PermissionDenied, match="four eyes"):
        approve_report(report=report, user=editor)
    assert approve_report(report=report, user=team["approver"]).status == "approved"


def test_published_commentary_cannot_change_in_the_model_or_the_database(hle_published, team):
    report = hle_published
    assert "<dt>Publication date</dt><dd>24 November 2026, 09:30</dd>" in html(report)
    with pytest.raises(ValidationError, match="new version"):
        edit_commentary(report=report, user=team["writer"], key_messages=["changed"], missions={})
    report.commentary = report.commentary | {"key_messages": ["changed"]}
    with pytest.raises(ValidationError, match="commentary"):
        report.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE reports_report SET commentary = %s WHERE id = %s", ['{"key_messages": []}', report.pk])


def test_a_correction_starts_from_the_published_commentary_and_carries_a_notice(hle_published, team):
    old = hle_published
    new = correct_report(report=old, user=team["writer"], notice="A key message misstated the gap.")
    assert new.commentary == old.commentary and new.version == 2
    edit_commentary(report=new, user=team["writer"], key_messages=["The gap widened by 2.3 years."], missions={})
    page = html(Report.objects.get(pk=new.pk))
    assert "misstated the gap" in page and "The gap widened by 2.3 years." in page
    old.refresh_from_db()
    assert old.commentary["key_messages"] != ["The gap widened by 2.3 years."]


def test_the_staff_commentary_page_edits_a_draft_and_the_diff_page_shows_the_change(hle_draft, team, client):
    # hle_draft is an earlier unpublished report (built once per process): neither this draft nor a published one
    second = build_report(as_of=AS_OF, author=team["writer"])
    client.force_login(team["writer"])
    page = client.get(f"/staff/reports/{second.pk}/commentary/")
    assert page.status_code == 200 and b"Key messages" in page.content
    fields = {m["slug"]: "" for m in second.snapshot["missions"]} | {HEALTH: "An analyst's paragraph."}
    response = client.post(f"/staff/reports/{second.pk}/commentary/", {"key_messages": "New message", **fields})
    assert response.status_code == 302
    diff = client.get(f"/staff/reports/{second.pk}/diff/").content.decode()
    assert "<ins>Key message: New message</ins>" in diff and "<ins>health: An analyst&#x27;s paragraph.</ins>" in diff
    drafted = second.commentary["key_messages"][0]
    assert f"<del>Key message: {drafted}</del>" in diff  # against the previous draft of this report
    assert "None: no report has been published before this one." in diff  # the unpublished first one is not
    client.force_login(team["nobody"])
    assert client.get(f"/staff/reports/{second.pk}/commentary/").status_code == 403
