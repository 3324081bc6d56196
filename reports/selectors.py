"""Reads of reports for public pages, feeds and the API: published or superseded only."""

from collections import Counter

from django.urls import reverse

from missions.models import Release
from reports.changes import compare_snapshots, for_mission
from reports.commentary import render_markdown
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


def get_latest_published_report():
    """Return the latest published report (not superseded), or None."""
    return (
        Report.objects.filter(status=Report.Status.PUBLISHED)
        .defer("snapshot")
        .order_by("-as_of", "-published_at")
        .first()
    )


def get_latest_report_summary() -> dict | None:
    """Return what the home page shows of the latest published report: key messages, status grid, one-liners."""
    report = get_latest_published_report()
    if report is None:
        return None
    missions = Report.objects.filter(pk=report.pk).values_list("snapshot__missions", flat=True).first() or []
    commentary = report.commentary or {}
    return {
        "title": report.title,
        "url": reverse("reports:detail", args=[report.series, report.version]),
        "published_at": report.published_at,
        "as_of": report.as_of,
        "illustrative": commentary.get("illustrative", False),
        "key_messages": [render_markdown(m) for m in commentary.get("key_messages", [])],
        "missions": [
            {
                "number": m["number"],
                "slug": m["slug"],
                "short_name": m["short_name"],
                "headline": m.get("headline", ""),
                "counts": Counter(t["status_label"] for t in m["targets"]).most_common(),
            }
            for m in missions
        ],
    }


def get_mission_changes(mission: dict) -> dict | None:
    """Return what changed for one mission between the latest published report and the current assessments."""
    report = get_latest_published_report()
    if report is None:
        return None
    previous = Report.objects.filter(pk=report.pk).values_list("snapshot", flat=True).first()
    ids = sorted({r for t in mission["targets"] for r in t["release_ids"]})
    releases = Release.objects.filter(id__in=ids).select_related("source").order_by("source__slug", "id")
    current = {
        "missions": [mission],
        "methodology": {"version": next((t["result"]["method_version"] for t in mission["targets"]), None)}
        if mission["targets"]
        else previous.get("methodology"),
        "releases": [
            {"id": r.id, "source": r.source.slug, "release_date": r.release_date.isoformat()} for r in releases
        ],
    }
    changes = for_mission(compare_snapshots(previous, current), mission["number"])
    changes["previous"] |= {
        "title": report.title,
        "url": reverse("reports:detail", args=[report.series, report.version]),
    }
    return changes
