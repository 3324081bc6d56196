"""A draft's own words and context: what changed since the last published report, and commentary edits."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from missions.models import Target
from missions.selectors.pages import list_target_changes
from reports.changes import compare_snapshots
from reports.commentary import MAX_KEY_MESSAGES, clean_text
from reports.models import Report
from reports.selectors import list_public_reports


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
    from reports.services import store_artefacts  # the workflow module imports this one for build_report

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
    report.commentary = report.commentary | {
        "key_messages": messages,
        "missions": texts,
        "drafted": False,
        "edited_by": user.pk,  # four eyes: whoever last wrote the words cannot approve them
    }
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
    return report
