"""Direction-only targets ("increase", "fall"): change since baseline against its uncertainty. Pure: no Django."""

import math

from scipy import stats

from missions.progress.rule_figures import ChangeTest, DirectionFigures
from missions.progress.series import find_baseline, point_dict, usable
from missions.progress.timing import effective_points, inflation
from missions.progress.types import METHOD_V1, Method, Point, Result, Status

RULE = "direction"


def judge_change(
    *, baseline: Point, latest: Point, points: list[Point], better: int, method: Method
) -> tuple[Status, str, ChangeTest]:
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
    p_value, n_eff = float(fit.pvalue), float(len(trend))
    if method.overlap_correction:
        n_eff = effective_points(trend)
        if n_eff < 3:
            reason = f"no published intervals and {n_eff:.1f} independent points (the periods overlap); a trend needs 3"
            return Status.INSUFFICIENT_DATA, reason, {"effective_points": n_eff}
        p_value = overlap_corrected_p(fit, n=len(trend), n_eff=n_eff)
    figures: ChangeTest = {
        "test": "trend",
        "slope_per_year": round(float(fit.slope), 6),
        "p_value": round(p_value, 6),
        "points_used": len(trend),
        "effective_points": n_eff,
    }
    if p_value >= method.significance:
        return Status.NO_CLEAR_CHANGE, f"trend not significant (p = {p_value:.3f})", figures
    status = Status.IMPROVING if better * fit.slope > 0 else Status.WORSENING
    return status, f"significant trend (p = {p_value:.3f})", figures


def overlap_corrected_p(fit, *, n: int, n_eff: float) -> float:
    """Return the slope's two-sided p-value with the residual variance on n_eff - 2 degrees of freedom and the
    slope's variance inflated by n / n_eff (see timing.effective_points)."""
    if fit.stderr == 0:
        return 0.0 if fit.slope else 1.0
    se = fit.stderr * math.sqrt((n - 2) / (n_eff - 2) * inflation(n=n, n_eff=n_eff))
    return float(2 * stats.t(df=n_eff - 2).sf(abs(fit.slope) / se))


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
    figures: DirectionFigures
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
