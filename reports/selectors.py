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
