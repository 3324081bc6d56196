"""The publication workflow: four eyes, 09:30 release, immutability, corrections, pre-release access."""

import io
from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from pypdf import PdfReader

from missions.models import Target
from reports.models import Artefact, PreReleaseAccess, Report, ScheduleChange
from reports.services import approve_report, build_report, correct_report, publish_due_reports, schedule_report
from tests.reports.conftest import AS_OF, LONDON, MONDAY, publish

pytestmark = pytest.mark.django_db


def test_the_author_cannot_approve_their_own_report(people, django_user_model):
    from tests.reports.conftest import make_user

    both = make_user(django_user_model, "both", "add_report", "approve_report")
    report = Report.objects.create(series="own", title="Own", as_of=AS_OF, snapshot={}, created_by=both)
    with pytest.raises(PermissionDenied, match="four eyes"):
        approve_report(report=report, user=both)
    with pytest.raises(PermissionDenied):
        approve_report(report=report, user=people["nobody"])
    assert approve_report(report=report, user=people["approver"]).status == Report.Status.APPROVED


def test_the_default_release_is_half_past_nine_on_the_next_working_day(people):
    friday = datetime(2026, 12, 24, 16, 0, tzinfo=LONDON)  # then Christmas, Boxing Day (observed Monday 28th)
    with time_machine.travel(friday, tick=False):
        report = draft_report(people)  # no files to re-render: the schedule is what is tested here
        approve_report(report=report, user=people["approver"])
        schedule_report(report=report, user=people["publisher"])
        assert report.scheduled_for == datetime(2026, 12, 29, 9, 30, tzinfo=LONDON)
        with pytest.raises(ValidationError, match="needs a reason"):
            schedule_report(
                report=report, user=people["publisher"], release_at=datetime(2027, 1, 5, 7, 0, tzinfo=LONDON)
            )
        schedule_report(
            report=report,
            user=people["publisher"],
            release_at=datetime(2027, 1, 5, 7, 0, tzinfo=LONDON),
            reason="Coordinated with the ONS release",
        )
    changes = list(ScheduleChange.objects.filter(report=report).values_list("reason", flat=True))
    assert changes == ["", "Coordinated with the ONS release"]


def test_the_beat_task_publishes_exactly_at_the_release_time_and_not_before(people):
    with time_machine.travel(MONDAY, tick=False):
        report = draft_report(people)
        approve_report(report=report, user=people["approver"])
        schedule_report(report=report, user=people["publisher"])
    with time_machine.travel(datetime(2026, 11, 24, 9, 29, 59, tzinfo=LONDON), tick=False):
        assert publish_due_reports() == []
    with time_machine.travel(datetime(2026, 11, 24, 9, 30, 0, tzinfo=LONDON), tick=False):
        assert [r.id for r in publish_due_reports()] == [report.id]
        assert publish_due_reports() == []
    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED
    assert report.published_at == datetime(2026, 11, 24, 9, 30, tzinfo=LONDON)


def test_a_published_report_cannot_be_altered_in_the_model_or_the_database(hle_published):
    report = hle_published
    report.title = "Something else"
    with pytest.raises(ValidationError):
        report.save()
    with pytest.raises(ValidationError):
        Report.objects.get(pk=report.pk).delete()
    table = Report._meta.db_table
    for sql in (
        f"UPDATE {table} SET title = 'x' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
        f"UPDATE {table} SET status = 'draft' WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [report.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        Artefact.objects.filter(report=report, name="report.html").update(content=b"tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        Artefact.objects.create(
            report=report, name="extra.txt", content_type="text/plain", content=b"x", sha256="0", size=1
        )


def test_later_edits_and_releases_leave_a_published_report_byte_for_byte_unchanged(hle_published, data_server):
    from missions.services.ingest import ingest_source, register_source

    report = hle_published
    before = {a.name: bytes(a.content) for a in report.artefacts.all()}
    target = Target.objects.get(metric__slug="healthy-life-expectancy", key="change")
    target.value = 3
    target._change_reason = "Test: the target moved after publication"
    target.save()
    vintage = f"{data_server.url}/ons-els-vintages/2024-12-19/healthy-life-expectancy"
    ingest_source(
        source=register_source(slug="healthy-life-expectancy"), location=vintage, release_date=date(2024, 12, 19)
    )
    report.refresh_from_db()
    assert {a.name: bytes(a.content) for a in report.artefacts.all()} == before


def test_building_twice_from_the_same_date_and_data_gives_identical_figures(hle_draft, people):
    first = hle_draft  # built by the same call, once per test process
    second = build_report(as_of=AS_OF, author=people["analyst"])
    assert first.snapshot == second.snapshot
    csv = lambda r: {a.name: bytes(a.content) for a in r.artefacts.filter(name__endswith=".csv")}  # noqa: E731
    assert csv(first) == csv(second) and csv(first)


def test_the_pdf_opens_and_has_one_section_per_mission(hle_published):
    report = hle_published
    reader = PdfReader(io.BytesIO(bytes(report.artefacts.get(name="report.pdf").content)))

    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [item.title]

    titles = list(walk(reader.outline))
    missions = [t for t in titles if t.startswith("Mission ")]
    assert len(missions) == 12 and missions[0].startswith("Mission 1:") and len(reader.pages) > 5


def test_a_correction_is_a_new_version_and_the_old_one_stays_marked_superseded(hle_published, people, client):
    old = hle_published
    wednesday = datetime(2026, 11, 25, 12, 0, tzinfo=LONDON)
    with time_machine.travel(wednesday, tick=False):
        new = correct_report(report=old, user=people["analyst"], notice="The baseline of target X was misstated.")
    new = publish(new, people, at=wednesday)
    old.refresh_from_db()
    assert (old.status, new.status, new.version, new.series) == ("superseded", "published", 2, old.series)
    assert client.get(f"/reports/{old.series}/v1/").status_code == 200
    assert b"misstated" in client.get(f"/reports/{old.series}/v2/").content
    assert client.get(f"/reports/{old.series}/").url.endswith("/v2/")


def test_staff_views_of_an_unpublished_report_are_logged(hle_draft, people, client):
    report = hle_draft
    client.force_login(people["approver"])
    assert client.get(f"/staff/reports/{report.pk}/report.html").status_code == 200
    access = PreReleaseAccess.objects.get(report=report)
    assert access.user == people["approver"] and access.path.endswith("report.html")


def draft_report(people, status: str = "draft") -> Report:
    approved = {"approved_by": people["approver"], "approved_at": MONDAY} if status != "draft" else {}
    return Report.objects.create(
        series="quick", title="Quick", as_of=AS_OF, snapshot={}, status=status, created_by=people["analyst"], **approved
    )


def test_a_report_is_never_built_without_an_author(people):
    from django.core.management import CommandError, call_command

    from reports.tasks import build_report_task

    with pytest.raises(ValidationError, match="author"):
        build_report(as_of=AS_OF)
    with pytest.raises(CommandError, match="author"):
        call_command("build_report", "--as-of", "2026-06-30")
    with pytest.raises(TypeError):
        build_report_task.run("2026-06-30")  # the task takes the author's id, and it is required
    with pytest.raises(PermissionDenied):
        build_report_task.run("2026-06-30", people["nobody"].pk)
    assert not Report.objects.exists()


@pytest.mark.parametrize("status", ["approved", "scheduled"])
@pytest.mark.parametrize(("field", "value"), [("title", "Another title"), ("correction_notice", "Quietly changed")])
def test_an_approved_or_scheduled_report_cannot_be_edited(people, status, field, value):
    report = draft_report(people, status)
    setattr(report, field, value)
    with pytest.raises(ValidationError, match="return it to draft"):
        report.save()
    assert getattr(Report.objects.get(pk=report.pk), field) != value


def test_an_approved_report_returned_to_draft_can_be_edited_and_needs_approval_again(people):
    report = draft_report(people, "approved")
    report.status, report.approved_by, report.approved_at, report.title = "draft", None, None, "Revised"
    report.save()
    assert Report.objects.get(pk=report.pk).title == "Revised"
    assert approve_report(report=report, user=people["approver"]).status == "approved"


def test_the_admin_shows_an_approved_report_read_only(people, client, django_user_model):
    admin_user = django_user_model.objects.create_superuser("boss", password="a-long-test-password")
    report = draft_report(people, "approved")
    client.force_login(admin_user)
    client.post(f"/admin/reports/report/{report.pk}/change/", {"title": "Changed", "correction_notice": "x"})
    assert Report.objects.get(pk=report.pk).title == "Quick"
    fields = client.get(f"/admin/reports/report/{report.pk}/change/").context["adminform"].form.fields
    assert "title" not in fields and "correction_notice" not in fields


def test_deleting_an_unpublished_report_keeps_who_saw_and_rescheduled_it(people):
    from django.db.models import ProtectedError

    report = draft_report(people, "scheduled")
    PreReleaseAccess.objects.create(report=report, user=people["approver"], path="/staff/reports/1/report.html")
    ScheduleChange.objects.create(report=report, new_time=MONDAY, changed_by=people["publisher"])
    with pytest.raises(ProtectedError), transaction.atomic():
        report.delete()
    assert PreReleaseAccess.objects.filter(report=report).exists()
    assert ScheduleChange.objects.filter(report=report).exists()
