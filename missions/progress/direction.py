"""Direction-only targets ("increase", "fall"): change since baseline against its uncertainty. Pure: no Django."""

from scipy import stats

from missions.progress.series import find_baseline, point_dict, usable
from missions.progress.types import METHOD_V1, Method, Point, Result, Status

RULE = "direction"


def judge_change(*, baseline: Point, latest: Point, points: list[Point], better: int, method: Method) -> tuple:
    """Return (status, reason, figures): intervals where both ends publish them, else a trend test."""
    if latest.time <= baseline.time:
        return Status.INSUFFICIENT_DATA, "no value after the baseline yet", {}
    good = better * (latest.value - baseline.value) > 0
    if baseline.has_interval and latest.has_interval:
        if latest.lci > baseline.uci or latest.uci < baseline.lci:
            status = Status.IMPROVING if good else Status.WORSENING
            return status, "the 95% intervals of baseline and latest do not overlap", {"test": "intervals"}
        return Status.NO_CLEAR_CHANGE, "the 95% intervals of baseline and latest overlap", {"test": "intervals"}
    trend = [p for p in points if p.time >= baseline.time]
    if len(trend) < method.trend_min_points:
        need = method.trend_min_points
        reason = f"no published intervals and {len(trend)} point(s) from the baseline; a trend needs {need}"
        return Status.INSUFFICIENT_DATA, reason, {}
    fit = stats.linregress([p.time for p in trend], [p.value for p in trend])
    figures = {
        "test": "trend",
        "slope_per_year": round(float(fit.slope), 6),
        "p_value": round(float(fit.pvalue), 6),
        "points_used": len(trend),
    }
    if fit.pvalue >= method.significance:
        return Status.NO_CLEAR_CHANGE, f"trend not significant (p = {fit.pvalue:.3f})", figures
    status = Status.IMPROVING if better * fit.slope > 0 else Status.WORSENING
    return status, f"significant trend (p = {fit.pvalue:.3f})", figures


def assess_direction(
    *,
    points: list[Point],
    baseline_period: str,
    polarity: str,
    method: Method = METHOD_V1,
    interpreted: bool = False,
    rule: str = RULE,
) -> Result:
    """Return improving, no clear change or worsening for a series judged by its polarity."""
    better = -1 if polarity == "lower" else 1
    inputs = {"baseline_period": baseline_period, "polarity": polarity, "points": [point_dict(p) for p in points]}
    baseline, how = find_baseline(points, baseline_period)
    if baseline is None:
        return Result(rule, Status.INSUFFICIENT_DATA, how, method.version, inputs, {}, interpreted)
    latest = usable(points)[-1]
    status, reason, figures = judge_change(
        baseline=baseline, latest=latest, points=usable(points), better=better, method=method
    )
    figures |= {
        "baseline": point_dict(baseline),
        "baseline_choice": how,
        "latest": point_dict(latest),
        "change": round(latest.value - baseline.value, 6),
    }
    return Result(rule, status, reason, method.version, inputs, figures, interpreted)
