"""One-page printable summaries of a mission and of an area: one template, served as HTML and as an A4 PDF.

They show only what the public pages show (the current assessments and published values), with where each figure
comes from, the method version, the data cut-off and the date generated; a report is named only once published.
"""

from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from missions.findings.numbers import format_share
from missions.findings.ranks import LOW_RELIABILITY, Rank, ordinal
from missions.ingestion.periods import period_label
from missions.models import Area, Mission, Release
from missions.selectors.areas import compare_area, list_comparators
from missions.selectors.findings import attach_findings, headline_of
from missions.selectors.progress import (
    assessment_entry,
    get_latest_as_of,
    get_shown_version,
    list_assessments,
    mission_entry,
)
from reports.render import lay_out_pdf
from reports.selectors import get_latest_published_report

TEMPLATE = "reports/summary.html"
# Tighter type, step by step, until the summary fits on one A4 page (the last step is used whatever happens).
DENSITIES = ("normal", "compact", "dense")


def get_mission_summary(mission: Mission) -> dict:
    """Return what a mission's one-page summary shows: each target's status, one-line finding and key figures."""
    assessments = list_assessments().filter(target__metric__mission=mission)
    entry = mission_entry(mission, [assessment_entry(a) for a in assessments])
    entries = sorted(attach_findings(entry["targets"]), key=lambda e: e["role"] != "headline")
    return {
        "kind": "mission",
        "heading": f"Mission {mission.number}: {mission.short_name}",
        "mission": entry,
        "headline": headline_of(entries) if entries else "",
        "entries": entries,
        "page_url": reverse("missions:detail", args=[mission.slug]),
        "pdf_url": reverse("reports:mission-summary-pdf", args=[mission.slug]),
        **_provenance(),
    }


def get_area_summary(area: Area) -> dict:
    """Return what an area's one-page summary shows: its position on every metric in words, and its latest value
    beside its region, nation and the UK, with periods and sources."""
    rows = [
        row
        | {
            "period_label": period_label(row["period"], period_type=row["metric"].period_type or None),
            "position": describe_position(row["rank"]),
        }
        for row in compare_area(area)
    ]
    return {
        "kind": "area",
        "heading": area.name,
        "area": area,
        "comparators": list_comparators(area),
        "rows": rows,
        "page_url": reverse("missions:area", args=[area.code]),
        "pdf_url": reverse("reports:area-summary-pdf", args=[area.code]),
        **_provenance(),
    }


def describe_position(rank: Rank) -> str:
    """Return an area's rank in a few words for a table cell, e.g. "bottom 10%: 301st of 348" (the area page
    gives the full sentence)."""
    if not rank.ranked:
        return "not ranked"
    place = f"{'joint ' if rank.tied > 1 else ''}{ordinal(rank.position)} of {rank.areas:,}"
    place += " (uncertain: u)" if rank.status == LOW_RELIABILITY else ""
    if not rank.banded or not rank.group:
        return place
    named = {"top": "top", "bottom": "bottom", "both": "top and bottom"}[rank.group]
    if rank.polarity not in ("higher", "lower"):
        named = {"top": "highest", "bottom": "lowest", "both": "highest and lowest"}[rank.group]
    return f"{named} {format_share(rank.share)}: {place}"


def _provenance() -> dict:
    as_of = get_latest_as_of()
    report = get_latest_published_report()
    return {
        "as_of": as_of,
        "method_version": get_shown_version(as_of=as_of) if as_of else None,
        "last_release": Release.objects.filter(status=Release.Status.ACCEPTED).aggregate(d=Max("release_date"))["d"],
        "generated": timezone.localdate(),
        "report": {"title": report.title, "url": reverse("reports:detail", args=[report.series, report.version])}
        if report
        else None,
    }


def render_summary_html(context: dict) -> str:
    return render_to_string(TEMPLATE, context | {"for_pdf": False, "density": DENSITIES[0]})


def render_summary_pdf(context: dict) -> tuple[bytes, int]:
    """Return the summary as a PDF from the same template and its number of pages: at the first density that fits
    one page, else at the densest with as many rows as fit and a line saying how many more the web page has."""
    document = None
    for density in DENSITIES:
        document = _render(context | {"density": density})
        if len(document.pages) == 1:
            return document.write_pdf(), 1
    items = "entries" if context["kind"] == "mission" else "rows"
    shown = list(context[items])
    while len(document.pages) > 1 and len(shown) > 1:
        shown = shown[: max(1, len(shown) - max(1, len(shown) // 10))]
        omitted = len(context[items]) - len(shown)
        document = _render(context | {"density": DENSITIES[-1], items: shown, "omitted": omitted})
    return document.write_pdf(), len(document.pages)


def _render(context: dict):
    return lay_out_pdf(render_to_string(TEMPLATE, context | {"for_pdf": True}))
