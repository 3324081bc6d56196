"""Trajectory to target and the trend projection with its prediction interval. Pure: no Django."""

import math

import numpy as np
from scipy import stats

from missions.progress.rule_figures import Projection, TrajectoryRow
from missions.progress.timing import effective_points, inflation
from missions.progress.types import Method, Point


def trajectory(*, baseline: Point, target_value: float, target_time: float, points: list[Point]) -> list[TrajectoryRow]:
    """Return, for each usable point from the baseline on, the straight-line expected value and the outturn."""
    span = target_time - baseline.time
    rows = []
    for p in points:
        expected = baseline.value + (target_value - baseline.value) * (p.time - baseline.time) / span
        rows.append(
            {
                "period": p.period,
                "outturn": p.value,
                "expected": round(expected, 6),
                "difference": round(p.value - expected, 6),
            }
        )
    return rows


def project(
    *,
    points: list[Point],
    baseline: Point,
    target_time: float,
    target_value: float | None,
    better: int,
    method: Method,
    bounds: tuple[float, float] | None = None,
) -> Projection:
    """Return the linear trend from the baseline projected to the target year, with fan bands and probability."""
    later = [p for p in points if p.time > baseline.time]
    need = method.projection_min_points_after_baseline
    if len(later) < need:
        return {"available": False, "reason": f"{len(later)} point(s) after the baseline; a projection needs {need}"}
    fitted = [baseline, *later]
    n = len(fitted)
    n_eff = effective_points(fitted) if method.overlap_correction else float(n)
    if n_eff < 3:
        reason = f"{n_eff:.1f} independent points from the baseline (the periods overlap); a projection needs 3"
        return {"available": False, "reason": reason, "effective_points": n_eff}
    scale = Scale(bounds if method.bounded_logit else None)
    t = np.array([p.time for p in fitted])
    y = scale.forward(np.array([p.value for p in fitted]))
    slope, intercept = np.polyfit(t, y, 1)
    t_bar, sxx = t.mean(), float(((t - t.mean()) ** 2).sum())
    rss = float(((y - (intercept + slope * t)) ** 2).sum())
    residual_sd = math.sqrt(rss / (n_eff - 2))
    dist, widen = stats.t(df=n_eff - 2), inflation(n=n, n_eff=n_eff)

    def band(at: float) -> tuple[float, float]:
        return intercept + slope * at, residual_sd * math.sqrt(1 + widen * (1 / n + (at - t_bar) ** 2 / sxx))

    times = [t for t in np.arange(later[-1].time + 1, target_time, 1.0).tolist() if target_time - t > 0.25]
    fan = []
    for at in [*times, target_time]:
        centre, se = band(at)
        quantiles = {f"q{round(q * 100)}": scale.back(centre + dist.ppf(q) * se) for q in method.fan_quantiles}
        fan.append({"time": round(at, 4), **{k: round(v, 6) for k, v in quantiles.items()}})
    centre, se = band(target_time)
    result: Projection = {
        "available": True,
        "slope_per_year": round(float(slope), 6),
        "points_used": n,
        "effective_points": n_eff,
        "scale": scale.name,
        "residual_sd": round(residual_sd, 6),
        "projected_value": round(scale.back(centre), 6),
        "prediction_se": round(se, 6),
        "fan": fan,
    }
    if target_value is not None:
        probability = _probability(centre, se, float(scale.forward(target_value)), better, dist)
        result["probability_of_meeting_target"] = round(probability, 4)
        result["probability_exact"] = probability
    return result


class Scale:
    """The identity, or the logit of a share of a bounded range (values kept 0.01% inside the bounds)."""

    def __init__(self, bounds: tuple[float, float] | None):
        self.bounds = bounds
        self.name = "logit" if bounds else "linear"

    def forward(self, value):
        if not self.bounds:
            return value
        low, high = self.bounds
        share = np.clip((np.asarray(value, dtype=float) - low) / (high - low), 1e-4, 1 - 1e-4)
        return np.log(share / (1 - share))

    def back(self, value) -> float:
        if not self.bounds:
            return float(value)
        low, high = self.bounds
        return float(low + (high - low) / (1 + math.exp(-value)))


def _probability(centre: float, se: float, target: float, better: int, dist) -> float:
    if se == 0:
        return 1.0 if better * (centre - target) >= 0 else 0.0
    z = (target - centre) / se
    return float(1 - dist.cdf(z)) if better > 0 else float(dist.cdf(z))
