"""Reads of the catalogue for pages, API and reports."""

from django.db.models import Prefetch

from missions.models import Indicator, Metric, Mission, Pillar, Target


def list_missions_by_pillar():
    """Return pillars with their missions, in order."""
    missions = Mission.objects.order_by("number").prefetch_related("metrics")
    return Pillar.objects.select_related("framework").prefetch_related(Prefetch("missions", queryset=missions))


def list_assessable_targets(*, metric_slugs: list[str] | None = None):
    """Return active targets with their metric, mission and series, in mission order."""
    targets = (
        Target.objects.filter(status="active")
        .select_related("metric__mission")
        .order_by("metric__mission__number", "metric__slug", "key")
    )
    if metric_slugs:
        targets = targets.filter(metric__slug__in=metric_slugs)
    return targets.prefetch_related("metric__series", "metric__targets")


def index_indicators(*, source_slugs: list[str] | None = None) -> dict[str, list[Indicator]]:
    """Return the indicators of these sources (of all when None) by source slug, in one query."""
    indicators = Indicator.objects.select_related("source")
    if source_slugs is not None:
        indicators = indicators.filter(source__slug__in=source_slugs)
    index: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        index.setdefault(indicator.source.slug, []).append(indicator)
    return index


def get_indicator_ids(*, metric: Metric, index: dict[str, list[Indicator]] | None = None) -> dict[str, list[int]]:
    """Return {breakdown: [indicator ids in series order]} for the indicators a metric reads."""
    if index is None:
        index = index_indicators(source_slugs=[s.source_slug for s in metric.series.all()])
    found: dict[str, list[int]] = {}
    for series in metric.series.all():
        candidates = index.get(series.source_slug, [])
        match = next((i for i in candidates if series.indicator_name in (i.name, *i.aliases)), None)
        if match:
            found.setdefault(series.breakdown, []).append(match.id)
    return found


def list_metric_slugs_for_sources(*, source_slugs: list[str]) -> list[str]:
    """Return the metrics that read any of these sources."""
    return sorted(set(Metric.objects.filter(series__source_slug__in=source_slugs).values_list("slug", flat=True)))
