"""A draft's own words and context: what changed since the last published report, commentary edits, rebuilds, and
what the staff diff reads a draft against."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from missions.models import Target
from missions.selectors.pages import list_target_changes
from missions.services.assess import recompute_assessments
from missions.services.governance import require
from reports.changes import compare_snapshots
from reports.commentary import MAX_KEY_MESSAGES, clean_text, draft_commentary
from reports.diff import diff_reports
from reports.models import DraftRevision, Report
from reports.revisions import get_previous_draft, keep_draft
from reports.selectors import list_public_reports
from reports.snapshot import build_snapshot


def get_previous_report(*, as_of: date, series: str = "") -> Report | None:
    """Return the published report a new one on data to as_of is compared with: the latest on earlier data."""
    return (
        list_public_reports()
        .filter(status=Report.Status.PUBLISHED, as_of__lte=as_of)
        .exclude(series=series)
        .order_by("-as_of", "-published_at")
        .first()
    )


def changes_since_last_report(*, snapshot: dict, as_of: date, series: str = "") -> dict:
    """Return what changed between the last published report and this snapshot (empty when there is none)."""
    previous = get_previous_report(as_of=as_of, series=series)
    changes = compare_snapshots(previous.snapshot if previous else None, snapshot)
    if previous is not None:
        changes["previous"] |= {"id": previous.pk, "title": previous.title, "version": previous.version}
        changes["previous"]["published_at"] = previous.published_at.isoformat() if previous.published_at else None
        changes["goalposts"] = list_goalposts(since=previous.created_at)
    return changes


def take_snapshot(*, as_of: date, series: str) -> dict:
    """Assess the data as published on as_of and return a report's snapshot of it, with the changes since the last
    published report."""
    recompute_assessments(as_of=as_of)  # the one write; the snapshot then only reads what it stored
    snapshot = build_snapshot(as_of=as_of)
    snapshot["changes"] = changes_since_last_report(snapshot=snapshot, as_of=as_of, series=series)
    return snapshot


def list_goalposts(*, since) -> list[dict]:
    """Return every recorded change to a target since a date (the goalpost log), as plain values."""
    targets = list(Target.objects.select_related("metric__mission"))
    missions = {str(t): t.metric.mission.number for t in targets}
    return [
        c
        | {"date": c["date"].isoformat(), "old": str(c["old"]), "new": str(c["new"]), "mission": missions[c["target"]]}
        for c in list_target_changes(targets=targets)
        if c["date"] > since
    ]


@transaction.atomic
def edit_commentary(*, report: Report, user, key_messages: list[str], missions: dict[str, str]) -> Report:
    """Replace a draft's commentary and re-render it; an approved or scheduled report goes back to draft."""
    if user is None or not user.has_perm("reports.change_report"):
        raise PermissionDenied(f"{getattr(user, 'username', 'nobody')} may not edit commentary")
    Report.objects.select_for_update().filter(pk=report.pk).first()  # one editor at a time
    report.refresh_from_db()
    if report.is_public:
        raise ValidationError("a published report's commentary is corrected only by a new version with a notice")
    try:
        messages = [m for m in (clean_text(m, what="a key message") for m in key_messages) if m]
        known = {m["slug"] for m in report.snapshot.get("missions", [])}
        texts = {slug: clean_text(text, what=f"the commentary on {slug}") for slug, text in missions.items()}
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    if len(messages) > MAX_KEY_MESSAGES or set(texts) - known:
        raise ValidationError(f"at most {MAX_KEY_MESSAGES} key messages, on missions of this report only")
    commentary = report.commentary | {
        "key_messages": messages,
        "missions": texts,
        "drafted": False,
        "edited_by": user.pk,  # four eyes: whoever last wrote the words cannot approve them
    }
    if commentary != report.commentary:
        keep_draft(report=report, user=user, change=DraftRevision.Change.COMMENTARY)
    report.commentary = commentary
    _store_as_draft(report)
    return report


@transaction.atomic
def rebuild_report(*, report: Report, user) -> Report:
    """Rebuild a draft's figures from the data as now published on its date, keeping the draft it replaces."""
    require(user, "reports.add_report", "rebuild a report")
    Report.objects.select_for_update().filter(pk=report.pk).first()
    report.refresh_from_db()
    if report.is_public:
        raise ValidationError("a published report is never rebuilt: correct it by a new version with a notice")
    snapshot = take_snapshot(as_of=report.as_of, series=report.series)
    keep_draft(report=report, user=user, change=DraftRevision.Change.REBUILT)
    report.snapshot = snapshot
    if (report.commentary or {}).get("drafted"):  # never edited by hand: drafted again from the new figures
        report.commentary = draft_commentary(snapshot, illustrative=report.commentary.get("illustrative", False))
    _store_as_draft(report)
    return report


def _store_as_draft(report: Report) -> None:
    """Save a changed report as a draft (an approval covered what it replaced) and render it again."""
    from reports.services import store_artefacts  # the workflow module imports this one for build_report

    if report.status != Report.Status.DRAFT:
        report.status, report.approved_by, report.approved_at, report.scheduled_for = (
            Report.Status.DRAFT,
            None,
            None,
            None,
        )
    report.save()
    report.artefacts.all().delete()
    store_artefacts(report)


def get_last_published(report: Report) -> Report | None:
    """Return the published report a draft is read against: the one it corrects, else the latest on earlier data."""
    if report.supersedes_id:
        return report.supersedes
    return get_previous_report(as_of=report.as_of, series=report.series)


def list_staff_diffs(report: Report) -> list[dict]:
    """Return the draft's differences from its previous draft and from the last published report."""
    comparisons = {
        "the previous draft": get_previous_draft(report),
        "the last published report": get_last_published(report),
    }
    return [{"against": against, "other": other} | _diff(other, report) for against, other in comparisons.items()]


def _diff(other, report: Report) -> dict:
    if other is None:
        return {}
    return diff_reports(
        old_snapshot=other.snapshot,
        old_commentary=other.commentary or {},
        snapshot=report.snapshot,
        commentary=report.commentary or {},
    )
