"""The publication workflow: build a draft, approve (four eyes), schedule, publish when due, correct openly."""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from missions.caching import bump_data_version
from missions.services.governance import require
from reports.commentary import draft_commentary
from reports.drafting import take_snapshot
from reports.models import Artefact, PreReleaseAccess, Report, ScheduleChange
from reports.render import File, render_artefacts, render_report_pdf
from reports.revisions import list_rebuilders
from reports.schedule import default_release_time


@transaction.atomic
def build_report(
    *,
    as_of: date,
    title: str = "",
    author=None,
    supersedes: Report | None = None,
    correction_notice: str = "",
    illustrative: bool = False,
) -> Report:
    """Build a draft report from the data as published on as_of, with all its artefacts."""
    # Four eyes need two named people: a report without an author could be approved by whoever built it.
    if author is None:
        raise ValidationError("a report needs an author (the analyst building it)")
    require(author, "reports.add_report", "build a report")
    title = title or f"Levelling Up missions: progress report, data to {as_of:%-d %B %Y}"
    if supersedes:
        series, version = supersedes.series, supersedes.version + 1
    else:
        series, version = _new_series(slugify(title)[:100]), 1
    snapshot = take_snapshot(as_of=as_of, series=series)
    report = Report.objects.create(
        series=series,
        version=version,
        title=title,
        as_of=as_of,
        snapshot=snapshot,
        commentary=supersedes.commentary if supersedes else draft_commentary(snapshot, illustrative=illustrative),
        created_by=author,
        supersedes=supersedes,
        correction_notice=correction_notice,
    )
    store_artefacts(report)
    return report


def _new_series(base: str) -> str:
    series, n = base, 1
    while Report.objects.filter(series=series).exists():
        n += 1
        series = f"{base}-{n}"
    return series


def store_artefacts(report: Report, *, pdf: bool = False) -> None:
    """Store the report's files. A draft's are its staff preview, tables and charts; its PDF (two thirds of the
    rendering time) is rendered when the report is scheduled, with its publication date, or on a staff request."""
    Artefact.objects.bulk_create(_artefact(report, f) for f in render_artefacts(report, report.snapshot, pdf=pdf))


def _artefact(report: Report, f: File) -> Artefact:
    return Artefact(
        report=report, name=f.name, content_type=f.content_type, content=f.content, sha256=f.sha256, size=len(f.content)
    )


def approve_report(*, report: Report, user) -> Report:
    """Approve a draft: only someone with approve_report who is not its author."""
    require(user, "reports.approve_report", "approve reports")
    authors = {report.created_by_id, (report.commentary or {}).get("edited_by"), *list_rebuilders(report)}
    if user.pk in authors:
        raise PermissionDenied("who built, rebuilt or wrote the commentary of a report cannot approve it (four eyes)")
    if report.status != Report.Status.DRAFT:
        raise ValidationError(f"only a draft can be approved; this report is {report.status}")
    report.status, report.approved_by, report.approved_at = Report.Status.APPROVED, user, timezone.now()
    report.save(update_fields=["status", "approved_by", "approved_at"])
    return report


def schedule_report(*, report: Report, user, release_at: datetime | None = None, reason: str = "") -> Report:
    """Schedule (or move) an approved report's release; any time but the default needs a recorded reason."""
    require(user, "reports.schedule_report", "schedule reports")
    if report.status not in (Report.Status.APPROVED, Report.Status.SCHEDULED):
        raise ValidationError(f"only an approved report can be scheduled; this report is {report.status}")
    default = default_release_time(now=timezone.now(), release_time=settings.REPORT_RELEASE_TIME)
    release_at = release_at or default
    if release_at != default and not reason.strip():
        raise ValidationError(f"a release at another time than {default:%d %B %Y %H:%M} needs a reason")
    if release_at <= timezone.now():
        raise ValidationError("the release time must be in the future")
    ScheduleChange.objects.create(
        report=report, old_time=report.scheduled_for, new_time=release_at, reason=reason, changed_by=user
    )
    report.status, report.scheduled_for = Report.Status.SCHEDULED, release_at
    report.save(update_fields=["status", "scheduled_for"])
    if report.artefacts.exists():  # rendered again so the files, now with the PDF, carry their publication date
        with transaction.atomic():
            report.artefacts.all().delete()
            store_artefacts(report, pdf=True)
    return report


def publish_due_reports(*, now: datetime | None = None) -> list[Report]:
    """Publish every scheduled report whose release time has come; each exactly once."""
    now = now or timezone.now()
    published = []
    for report in Report.objects.filter(status=Report.Status.SCHEDULED, scheduled_for__lte=now):
        with transaction.atomic():
            claimed = Report.objects.filter(pk=report.pk, status=Report.Status.SCHEDULED).update(
                status=Report.Status.PUBLISHED, published_at=report.scheduled_for
            )
            if claimed and report.supersedes_id:
                Report.objects.filter(pk=report.supersedes_id).update(status=Report.Status.SUPERSEDED)
        if claimed:
            published.append(Report.objects.get(pk=report.pk))
    if published:
        bump_data_version()
    return published


def publish_due_reports_by(*, user) -> list[Report]:
    """Publish what is due now, on a publisher's request (the beat task does the same every minute)."""
    require(user, "reports.publish_report", "publish reports")
    return publish_due_reports()


def correct_report(*, report: Report, user, notice: str) -> Report:
    """Start a corrected version of a published report: a new draft that supersedes it when published."""
    if not report.is_public:
        raise ValidationError("only a published report is corrected; edit or rebuild the draft instead")
    if not notice.strip():
        raise ValidationError("a correction needs a notice saying what changed and why")
    return build_report(
        as_of=report.as_of, title=report.title, author=user, supersedes=report, correction_notice=notice
    )


def record_pre_release_access(*, report: Report, user, path: str) -> None:
    if not report.is_public:
        PreReleaseAccess.objects.create(report=report, user=user, path=path[:300])


def preview_pdf(report: Report) -> Artefact:
    """Return a draft's PDF as an unsaved file: drafts store no PDF (see store_artefacts)."""
    return _artefact(report, render_report_pdf(report, report.snapshot))
