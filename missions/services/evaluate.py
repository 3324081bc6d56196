"""Choose the rule for a target and feed it the right series: the glue between selectors and progress."""

from dataclasses import replace

from missions.findings.numbers import format_share
from missions.geography import UK
from missions.models import Target
from missions.progress import (
    Method,
    Result,
    Status,
    assess_direction,
    assess_every_area,
    assess_gap,
    assess_gap_to_benchmark,
    assess_quantified,
    group_size,
    target_time,
)
from missions.selectors.series import MetricData

QUANTIFIED = {Target.Type.LEVEL, Target.Type.CHANGE, Target.Type.COVERAGE, Target.Type.COUNT}
CROSS_SECTIONAL = {Target.Type.GAP_NARROWS, Target.Type.EVERY_AREA_IMPROVES, Target.Type.GAP_TO_BENCHMARK_NARROWS}
# For monitor-only metrics, the widest area the publisher gives stands in where the UK figure is not published.
WIDEST_AREAS = (UK, "K99000002", "K03000001", "K04000001", "E92000001")


def evaluate_target(
    *, target: Target, data: MetricData | None, method: Method, missing: str = "", refused: str = ""
) -> Result:
    """Return the target's result on data (None when no published series is connected to its metric).

    refused says why data that exists was refused; such a metric is never described as having no data source.
    """
    metric = target.metric
    interpreted = not target.official
    if refused and not target.data_gap and (data is None or data.empty):
        return Result(target.type, Status.DATA_REFUSED, refused, method.version, {}, {}, interpreted)
    if target.data_gap or data is None or data.empty:
        reason = target.data_gap or missing or "no published series is connected to this metric yet"
        return Result(target.type, Status.NO_DATA_SOURCE, reason, method.version, {}, {}, interpreted)
    common = {"times": data.times, "baseline_period": target.baseline_period, "method": method}
    if target.type == Target.Type.GAP_NARROWS:
        sections = data.comparison(metric.comparison_prefixes)
        return assess_gap(sections=sections, interpreted=interpreted, gap_measure=target.gap_measure, **common)
    if target.type == Target.Type.EVERY_AREA_IMPROVES:
        sections = data.comparison(metric.comparison_prefixes)
        return assess_every_area(sections=sections, polarity=metric.polarity, interpreted=interpreted, **common)
    if target.type == Target.Type.GAP_TO_BENCHMARK_NARROWS:
        with_benchmark = data.comparison([*metric.comparison_prefixes, target.benchmark_area])
        return assess_gap_to_benchmark(sections=with_benchmark, benchmark=target.benchmark_area, **common)
    points, where = headline_series(target=target, data=data, method=method)
    if not points:
        return Result(target.type, Status.INSUFFICIENT_DATA, f"no values for {where}", method.version, {}, {})
    result = _judge_series(target=target, points=points, method=method, interpreted=interpreted)
    return replace(result, inputs=result.inputs | {"series_of": where})


def _judge_series(*, target: Target, points: list, method: Method, interpreted: bool) -> Result:
    metric = target.metric
    if target.type in QUANTIFIED and target.value is not None:
        return assess_quantified(
            points=points,
            baseline_period=target.baseline_period,
            target_value=float(target.value),
            value_kind=target.value_kind,
            target_time=target_time(year=target.target_year, months=points[-1].months, method=method),
            polarity=metric.polarity,
            method=method,
            interpreted=interpreted,
            bounds=bounds_of(metric),
        )
    rule = "monitor" if target.type == Target.Type.MONITOR else "direction"
    return assess_direction(
        points=points,
        baseline_period=target.baseline_period,
        polarity=metric.polarity,
        method=method,
        interpreted=interpreted,
        rule=rule,
    )


def bounds_of(metric) -> tuple[float, float] | None:
    """Return the natural range of a metric's values: 0 to 100 for percentages, else none."""
    return (0.0, 100.0) if metric.unit.lower().startswith("percent") else None


def needed_area_prefixes(metric) -> list[str]:
    """Return the GSS code prefixes (or whole codes) any rule needs for this metric's targets."""
    wanted = set(metric.comparison_prefixes) | set(WIDEST_AREAS)
    for target in metric.targets.all():
        wanted |= {code for code in (target.area_code, target.benchmark_area) if code}
        wanted |= set((target.aggregate or {}).get("prefixes", []))
    return sorted(wanted)


def series_areas(metric) -> list[str] | None:
    """Return the areas whose series are all this metric's targets read, or None where one reads cross-sections."""
    codes = set(WIDEST_AREAS)
    for target in metric.targets.all():
        if target.type in CROSS_SECTIONAL or target.group or target.aggregate:
            return None
        codes.add(target.area_code or UK)
    return sorted(codes)


def headline_series(*, target: Target, data: MetricData, method: Method) -> tuple[list, str]:
    """Return the series a quantified or direction target is judged on, and what it is."""
    if target.aggregate and (target.type in QUANTIFIED or method.aggregate_all_targets):
        spec = target.aggregate
        excluded = spec.get("exclude", [])
        label = f"sum of {', '.join(spec['prefixes'])} areas excluding {', '.join(excluded) or 'none'}"
        return data.aggregate(prefixes=spec["prefixes"], exclude=excluded), label
    if target.group == "bottom_decile":
        codes = _worst_group(target=target, data=data, method=method)
        worst = f"mean of the worst {format_share(method.group_share)} of areas at baseline"
        return data.group_mean(codes), f"{worst}: {', '.join(codes)}"
    area = target.area_code or UK
    points = data.series_for(area)
    if not points and target.type == Target.Type.MONITOR:
        for fallback in WIDEST_AREAS:
            if data.series_for(fallback):
                return data.series_for(fallback), f"area {fallback} (no figure published for {area})"
    return points, f"area {area}" if points else f"area {area} in the published series"


def _worst_group(*, target: Target, data: MetricData, method: Method) -> list[str]:
    sections = data.comparison(target.metric.comparison_prefixes)
    periods = sorted((p for p, s in sections.items() if s), key=data.times.get)
    if not periods:
        return []
    base = target.baseline_period if target.baseline_period in sections else periods[0]
    ranked = sorted((p.value, c) for c, p in sections[base].items() if p.usable)
    if target.metric.polarity == "lower":
        ranked.reverse()
    return [c for _, c in ranked[: group_size(len(ranked), method.group_share)]]
