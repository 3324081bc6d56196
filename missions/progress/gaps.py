"""Cross-sectional rules: the gap between top and bottom areas, every area improving, distance to a benchmark.

Pure: no Django. A cross-section is {area code: Point} for one period.
"""

import math

import numpy as np

from missions.progress.direction import judge_change
from missions.progress.every_area import count_clear_changes, judge_clear_counts
from missions.progress.resample import change_interval, clear_direction
from missions.progress.rule_figures import BenchmarkFigures, EveryAreaFigures, GapFigures, GapMeasure
from missions.progress.types import METHOD_V1, Method, Point, Result, Status

Sections = dict[str, dict[str, Point]]  # period -> area -> point


def group_size(n: int, share: float) -> int:
    """Return how many areas make the top (or bottom) group: n x share rounded half up, at least one."""
    return max(1, math.floor(n * share + 0.5))


def gap_at(section: dict[str, Point], *, share: float) -> GapMeasure:
    """Return the top-group mean minus the bottom-group mean, P90/P10 and CV, naming both groups."""
    ranked = sorted(((p.value, code) for code, p in section.items() if p.usable), reverse=True)
    values = np.array([v for v, _ in ranked])
    k = group_size(len(ranked), share)
    top, bottom = ranked[:k], ranked[-k:]
    p90, p10 = np.percentile(values, 90), np.percentile(values, 10)
    return {
        "areas": len(ranked),
        "group_size": k,
        "top_mean": float(np.mean([v for v, _ in top])),
        "bottom_mean": float(np.mean([v for v, _ in bottom])),
        "gap": float(np.mean([v for v, _ in top]) - np.mean([v for v, _ in bottom])),
        "ratio": float(np.mean([v for v, _ in top]) / np.mean([v for v, _ in bottom])) if bottom[0][0] else None,
        "p90_p10_ratio": float(p90 / p10) if p10 else None,
        "cv": float(values.std() / values.mean()) if values.mean() else None,
        "top": [c for _, c in top],
        "bottom": [c for _, c in bottom],
    }


def _gap_interval(section: dict[str, Point], measure: dict) -> tuple[float, float] | None:
    """Return a 95% interval for the gap from the areas' own intervals, where all group members publish one."""
    members = [section[c] for c in measure["top"] + measure["bottom"]]
    if not all(p.has_interval for p in members):
        return None
    k = measure["group_size"]

    def se_of_mean(codes):
        return math.sqrt(sum(((section[c].uci - section[c].lci) / (2 * 1.96)) ** 2 for c in codes)) / k

    half = 1.96 * math.hypot(se_of_mean(measure["top"]), se_of_mean(measure["bottom"]))
    return measure["gap"] - half, measure["gap"] + half


def _endpoints(sections: Sections, times: dict[str, float], baseline_period: str) -> tuple:
    periods = sorted((p for p in sections if any(x.usable for x in sections[p].values())), key=times.get)
    if not periods:
        return None, None, "no usable values in the comparison areas"
    base = baseline_period if baseline_period in periods else periods[0]
    note = (
        "as catalogued"
        if base == baseline_period
        else f"earliest available ({base}); catalogued {baseline_period or 'none'}"
    )
    if periods[-1] == base:
        return base, None, f"no period after the baseline {base} yet"
    return base, periods[-1], note


def _balanced(sections: Sections, base: str, latest: str) -> tuple[dict, dict, dict]:
    both = {c for c, p in sections[base].items() if p.usable} & {c for c, p in sections[latest].items() if p.usable}
    only_base = sorted(c for c, p in sections[base].items() if p.usable and c not in both)
    only_latest = sorted(c for c, p in sections[latest].items() if p.usable and c not in both)
    pick = lambda period: {c: sections[period][c] for c in both}  # noqa: E731
    return pick(base), pick(latest), {"only_at_baseline": only_base, "only_at_latest": only_latest}


def assess_gap(
    *,
    sections: Sections,
    times: dict[str, float],
    baseline_period: str,
    method: Method = METHOD_V1,
    interpreted: bool = True,
    gap_measure: str = "absolute",
) -> Result:
    """Return whether the top-versus-bottom gap narrowed, over areas with a value at baseline and latest."""
    measure = gap_measure if method.relative_gaps else "absolute"
    inputs = {"baseline_period": baseline_period, "share": method.group_share, "gap_measure": measure}
    base, latest, note = _endpoints(sections, times, baseline_period)
    if latest is None:
        return Result("gap", Status.INSUFFICIENT_DATA, note, method.version, inputs, {}, interpreted)
    at_base, at_latest, changes = _balanced(sections, base, latest)
    m_base, m_latest = gap_at(at_base, share=method.group_share), gap_at(at_latest, share=method.group_share)
    series = []
    for period in sorted(sections, key=times.get):
        section = {c: p for c, p in sections[period].items() if c in at_base and p.usable}
        if times[period] >= times[base] and len(section) >= 2:
            months = next(iter(section.values())).months
            series.append(
                {"period": period, "time": times[period], "months": months, **gap_at(section, share=method.group_share)}
            )
    key = "ratio" if measure == "relative" else "gap"
    ends = (at_base, at_latest, m_base, m_latest)
    status, reason, test = _judge_gap(
        ends=ends, series=series, periods=(base, latest), times=times, method=method, key=key
    )
    figures: GapFigures = {
        "baseline_period": base,
        "baseline_choice": note,
        "latest_period": latest,
        "baseline": m_base,
        "latest": m_latest,
        "change": m_latest["gap"] - m_base["gap"],
        "gap_measure": measure,
        "judged": {
            "measure": key,
            "baseline": m_base[key],
            "latest": m_latest[key],
            "change": m_latest[key] - m_base[key],
        },
        "test": test,
        "moved": _movers(m_base, m_latest),
        "boundary_changes": changes,
        "latest_values": {c: p.value for c, p in sorted(at_latest.items())},
        "series": [{k: s[k] for k in ("period", "gap", "ratio", "p90_p10_ratio", "cv", "areas")} for s in series],
    }
    label = "ratio of the top to the bottom group's mean " if key == "ratio" else "gap "
    return Result("gap", status, label + reason, method.version, inputs, figures, interpreted)


def _judge_gap(*, ends: tuple, series: list, periods: tuple, times: dict, method: Method, key: str) -> tuple:
    """Judge the gap's change by resampling within published intervals (v2), else as version 1 did."""
    at_base, at_latest, m_base, m_latest = ends
    codes = sorted(at_base)
    published = any(at_base[c].has_interval or at_latest[c].has_interval for c in codes)
    if method.resample_draws and published:
        sampled = change_interval(
            base=[at_base[c] for c in codes],
            latest=[at_latest[c] for c in codes],
            k=m_base["group_size"],
            measure="relative" if key == "ratio" else "absolute",
            draws=method.resample_draws,
            seed=method.resample_seed,
        )
        low, high = sampled["interval_95"]
        way = clear_direction(sampled["interval_95"])
        status = {1: Status.WORSENING, -1: Status.IMPROVING, 0: Status.NO_CLEAR_CHANGE}[way]
        verdict = {1: "widened", -1: "narrowed", 0: "did not change clearly"}[way]
        reason = (
            f"{verdict}: {m_base[key]:.3f} to {m_latest[key]:.3f}; the change's 95% interval from "
            f"{sampled['draws']} resamples within the published intervals is {low:.3f} to {high:.3f}"
        )
        return status, reason, {"test": "resampling", **sampled}
    points = [Point(s["period"], s["time"], s[key], months=s["months"]) for s in series if s[key] is not None]
    base, latest = periods
    interval = key == "gap"  # the groups' published intervals bound an absolute gap only
    first = _as_point(base, times[base], m_base, at_base) if interval else Point(base, times[base], m_base[key])
    last = (
        _as_point(latest, times[latest], m_latest, at_latest)
        if interval
        else Point(latest, times[latest], m_latest[key])
    )
    status, reason, test = judge_change(baseline=first, latest=last, points=points, better=-1, method=method)
    if method.resample_draws:
        reason += " (no published intervals to resample, so judged as in version 1)"
    return status, reason, test


def _as_point(period: str, time: float, measure: dict, section: dict[str, Point]) -> Point:
    interval = _gap_interval(section, measure)
    return Point(period, time, measure["gap"], *(interval or (None, None)))


def _movers(before: dict, after: dict) -> dict:
    return {
        f"{g}_{way}": sorted(set(a) - set(b))
        for g in ("top", "bottom")
        for way, (a, b) in {"entered": (after[g], before[g]), "left": (before[g], after[g])}.items()
    }


def assess_every_area(
    *,
    sections: Sections,
    times: dict[str, float],
    baseline_period: str,
    polarity: str,
    method: Method = METHOD_V1,
    interpreted: bool = True,
) -> Result:
    """Return the share of areas better than at their own baseline, listing those that are not."""
    better = -1 if polarity == "lower" else 1
    inputs = {"baseline_period": baseline_period, "polarity": polarity}
    base, latest, note = _endpoints(sections, times, baseline_period)
    if latest is None:
        return Result("every_area", Status.INSUFFICIENT_DATA, note, method.version, inputs, {}, interpreted)
    at_base, at_latest, changes = _balanced(sections, base, latest)
    moves = {c: better * (at_latest[c].value - at_base[c].value) for c in at_base}
    not_improved = sorted(c for c, d in moves.items() if d <= 0)
    worse = sum(1 for d in moves.values() if d < 0)
    share = 1 - len(not_improved) / len(moves)
    published = any(p.has_interval for p in at_base.values())
    if method.clear_changes_only and published:
        groups = count_clear_changes(at_base, at_latest, better)
        status, reason, clear = judge_clear_counts(groups, base_period=base, method=method)
    elif not not_improved:
        status, reason = Status.IMPROVING, f"all {len(moves)} areas are better than at {base}"
    elif worse / len(moves) > method.every_area_worsening_share:
        status, reason = Status.WORSENING, f"{worse} of {len(moves)} areas are worse than at {base}"
    else:
        status, reason = Status.NO_CLEAR_CHANGE, f"{len(moves) - len(not_improved)} of {len(moves)} areas improved"
    figures: EveryAreaFigures = {
        "baseline_period": base,
        "baseline_choice": note,
        "latest_period": latest,
        "areas": len(moves),
        "share_improved": round(share, 6),
        "not_improved": [{"area": c, "baseline": at_base[c].value, "latest": at_latest[c].value} for c in not_improved],
        "boundary_changes": changes,
    }
    if method.clear_changes_only:
        figures |= clear if published else {"counts": None}
        reason += "" if published else " (no published intervals: point estimates compared, as in version 1)"
    return Result("every_area", status, reason, method.version, inputs, figures, interpreted)


def assess_gap_to_benchmark(
    *,
    sections: Sections,
    times: dict[str, float],
    benchmark: str,
    baseline_period: str,
    method: Method = METHOD_V1,
    interpreted: bool = True,
) -> Result:
    """Return whether the mean distance of areas from the benchmark area narrowed."""
    inputs = {"baseline_period": baseline_period, "benchmark": benchmark}
    series = []
    for period in sorted(sections, key=times.get):
        bench = sections[period].get(benchmark)
        others = [p.value for c, p in sections[period].items() if c != benchmark and p.usable]
        if bench is not None and bench.usable and others:
            distance = float(np.mean([abs(v - bench.value) for v in others]))
            series.append(Point(period, times[period], distance))
    base = next((p for p in series if p.period == baseline_period), series[0] if series else None)
    if base is None or series[-1].time <= base.time:
        reason = "no period after the baseline yet" if base else f"no values for the benchmark {benchmark}"
        return Result(
            "gap_to_benchmark",
            Status.INSUFFICIENT_DATA,
            reason,
            method.version,
            inputs,
            {"series": [p.__dict__ for p in series]},
            interpreted,
        )
    status, reason, test = judge_change(baseline=base, latest=series[-1], points=series, better=-1, method=method)
    figures: BenchmarkFigures = {"series": [p.__dict__ for p in series], "test": test, "baseline_period": base.period}
    return Result("gap_to_benchmark", status, "distance " + reason, method.version, inputs, figures, interpreted)
