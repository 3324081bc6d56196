"""The small chart beside each metric on an area page: the area's series, its region's, its nation's and the UK's."""

from django.urls import reverse
from django.utils.http import urlencode

from missions.figures.area_lines import Line, describe_lines
from missions.findings import subject_of
from missions.geography import UK
from missions.ingestion.periods import period_from_key, period_label
from missions.models import Area, Metric
from missions.progress.types import SUPPRESSED


def chart_lines(area: Area, comparators: list[Area], series: dict[str, list[dict]]) -> list[Line]:
    """Return the lines to draw, the area first, then each comparator with a usable value; none if the area has none."""
    own = _points(series.get(area.code, []))
    if not own:
        return []
    others = [(c.code, c.name) for c in comparators] + [(UK, "United Kingdom")]
    return [(area.name, own)] + [(name, points) for code, name in others if (points := _points(series.get(code, [])))]


def _points(rows: list[dict]) -> list[tuple[str, float]]:
    rows = sorted(rows, key=lambda v: v["period_start"])
    return [(v["period"], v["value"]) for v in rows if v["value"] is not None and v["status"] not in SUPPRESSED]


def chart_title(metric: Metric, breakdown: str) -> str:
    """Return the metric named as findings name it: "Healthy life expectancy at birth for men"."""
    return subject_of(
        {"metric_name": metric.name + (f" ({breakdown})" if breakdown else ""), "breakdown": breakdown}, str
    ).name


def chart_context(area: Area, metric: Metric, breakdown: str, lines: list[Line]) -> dict | None:
    """Return what the page shows for a chart: its address, alt text, summary and data table (no drawing here)."""
    if not lines:
        return None
    kind = metric.period_type or None
    alt, summary = describe_lines(
        title=chart_title(metric, breakdown),
        unit=metric.unit,
        places=metric.decimal_places,
        period_type=kind,
        lines=lines,
    )
    url = reverse("missions:area-chart", args=[area.code, metric.slug])
    periods = sorted({p for _, points in lines for p, _ in points}, key=period_from_key)
    values = [dict(points) for _, points in lines]
    return {
        "url": url + (f"?{urlencode({'breakdown': breakdown})}" if breakdown else ""),
        "alt": alt,
        "summary": summary,
        "names": [name for name, _ in lines],
        "rows": [(period_label(p, period_type=kind), [v.get(p) for v in values]) for p in periods],
    }
