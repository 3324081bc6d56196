"""Reads of reports for public pages, feeds and the API: published or superseded only."""

from reports.models import Report


def list_public_reports():
    """Return every report the public may see, newest first."""
    return Report.objects.filter(status__in=[Report.Status.PUBLISHED, Report.Status.SUPERSEDED]).order_by(
        "-published_at", "series", "-version"
    )


def list_upcoming_reports():
    """Return the reports announced for release: scheduled, with their schedule changes."""
    return Report.objects.filter(status=Report.Status.SCHEDULED).prefetch_related("schedule_changes")


def list_calendar_entries() -> list[dict]:
    """Return upcoming and published releases for the public calendar: date, time, status and reasons only.

    An announced report is named by its data date, never by its title or content, which stay embargoed.
    """
    entries = []
    for report in Report.objects.filter(
        status__in=[Report.Status.SCHEDULED, Report.Status.PUBLISHED, Report.Status.SUPERSEDED]
    ).prefetch_related("schedule_changes"):
        when = report.published_at or report.scheduled_for
        changes = [
            {"from": c.old_time, "to": c.new_time, "reason": c.reason}
            for c in report.schedule_changes.all()
            if c.old_time is not None
        ]
        summary = f"Progress report, data to {report.as_of:%d %B %Y}" + (
            f" (version {report.version})" if report.version > 1 else ""
        )
        entries.append(
            {
                "id": report.id,
                "when": when,
                "status": report.get_status_display(),
                "summary": summary,
                "changes": changes,
                "description": "; ".join(f"moved from {c['from']:%d %b %Y %H:%M}: {c['reason']}" for c in changes),
            }
        )
    return sorted(entries, key=lambda e: e["when"])
