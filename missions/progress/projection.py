"""Trajectory to target and the trend projection with its prediction interval. Pure: no Django."""

import math

import numpy as np
from scipy import stats

from missions.progress.types import Method, Point


def trajectory(*, baseline: Point, target_value: float, target_time: float, points: list[Point]) -> list[dict]:
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
    *, points: list[Point], baseline: Point, target_time: float, target_value: float | None, better: int, method: Method
) -> dict:
    """Return the linear trend from the baseline projected to the target year, with fan bands and probability."""
    later = [p for p in points if p.time > baseline.time]
    need = method.projection_min_points_after_baseline
    if len(later) < need:
        return {"available": False, "reason": f"{len(later)} point(s) after the baseline; a projection needs {need}"}
    fitted = [baseline, *later]
    t = np.array([p.time for p in fitted])
    y = np.array([p.value for p in fitted])
    slope, intercept = np.polyfit(t, y, 1)
    n, t_bar = len(t), t.mean()
    sxx = float(((t - t_bar) ** 2).sum())
    residual_sd = math.sqrt(float(((y - (intercept + slope * t)) ** 2).sum()) / (n - 2))
    dist = stats.t(df=n - 2)

    def band(at: float) -> tuple[float, float]:
        centre = intercept + slope * at
        return centre, residual_sd * math.sqrt(1 + 1 / n + (at - t_bar) ** 2 / sxx)

    times = [t for t in np.arange(later[-1].time + 1, target_time, 1.0).tolist() if target_time - t > 0.25]
    fan = []
    for at in [*times, target_time]:
        centre, se = band(at)
        fan.append(
            {
                "time": round(at, 4),
                **{f"q{round(q * 100)}": round(centre + dist.ppf(q) * se, 6) for q in method.fan_quantiles},
            }
        )
    centre, se = band(target_time)
    result = {
        "available": True,
        "slope_per_year": round(float(slope), 6),
        "points_used": n,
        "residual_sd": round(residual_sd, 6),
        "projected_value": round(float(centre), 6),
        "prediction_se": round(se, 6),
        "fan": fan,
    }
    if target_value is not None:
        result["probability_of_meeting_target"] = round(_probability(centre, se, target_value, better, dist), 4)
    return result


def _probability(centre: float, se: float, target: float, better: int, dist) -> float:
    if se == 0:
        return 1.0 if better * (centre - target) >= 0 else 0.0
    z = (target - centre) / se
    return float(1 - dist.cdf(z)) if better > 0 else float(dist.cdf(z))
