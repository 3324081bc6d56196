"""Quantified targets (level, change, coverage, count): the compound-growth ratio. Pure: no Django."""

from missions.progress.projection import Scale, project, trajectory
from missions.progress.rule_figures import QuantifiedFigures
from missions.progress.series import after, find_baseline, point_dict, usable
from missions.progress.types import METHOD_V1, STATUS_LABELS, Method, Point, Result, Status

RULE = "quantified"


def target_level(*, baseline: float, value: float, value_kind: str) -> float:
    """Return the level the target asks for, given the baseline."""
    if value_kind == "multiple_of_baseline":
        return baseline * value
    if value_kind == "increase_over_baseline":
        return baseline + value
    return value


def growth_ratio(*, baseline: float, latest: float, target: float, elapsed: float, allowed: float) -> tuple[float, str]:
    """Return R = actual rate / required rate, by compound growth where every value is positive, else linearly."""
    if baseline > 0 and latest > 0 and target > 0:
        actual = (latest / baseline) ** (1 / elapsed) - 1
        required = (target / baseline) ** (1 / allowed) - 1
        return actual / required, "compound annual growth rates"
    actual = (latest - baseline) / elapsed
    required = (target - baseline) / allowed
    return actual / required, "linear rates (a value is zero or negative, so growth rates are undefined)"


def bounded_ratio(
    *, baseline: float, latest: float, target: float, elapsed: float, allowed: float, bounds: tuple[float, float]
) -> tuple[float, str]:
    """Return R from linear rates on the logit scale, where progress towards a bound slows as it nears it."""
    scale = Scale(bounds)
    start, now, goal = (float(scale.forward(v)) for v in (baseline, latest, target))
    return ((now - start) / elapsed) / ((goal - start) / allowed), "linear rates on the logit scale (a percentage)"


def inside_bounds(value: float, bounds: tuple[float, float]) -> bool:
    """Whether a target lies inside its bounds rather than at one: the logit of a bound is infinite."""
    low, high = bounds
    return 0.001 <= (value - low) / (high - low) <= 0.999


def classify(ratio: float, method: Method) -> Status:
    if ratio >= method.on_track_ratio:
        return Status.ON_TRACK
    if ratio >= method.acceleration_ratio:
        return Status.ACCELERATION_NEEDED
    if ratio >= 0:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATING


def assess_quantified(
    *,
    points: list[Point],
    baseline_period: str,
    target_value: float,
    value_kind: str,
    target_time: float,
    polarity: str,
    method: Method = METHOD_V1,
    interpreted: bool = False,
    bounds: tuple[float, float] | None = None,
) -> Result:
    """Return the status of a quantified target with its baseline, latest, ratio, trajectory and projection."""
    better = -1 if polarity == "lower" else 1
    inputs = {
        "baseline_period": baseline_period,
        "target_value": target_value,
        "value_kind": value_kind,
        "target_time": target_time,
        "polarity": polarity,
        "points": [point_dict(p) for p in points],
    }

    def result(status, reason, **figures):
        return Result(RULE, status, reason, method.version, inputs, figures, interpreted)

    baseline, how = find_baseline(points, baseline_period)
    if baseline is None:
        return result(Status.INSUFFICIENT_DATA, how)
    target = target_level(baseline=baseline.value, value=target_value, value_kind=value_kind)
    latest = usable(points)[-1]
    figures: QuantifiedFigures = {
        "baseline": point_dict(baseline),
        "baseline_choice": how,
        "latest": point_dict(latest),
        "target_level": round(target, 6),
        "low_reliability": latest.status == "u",
    }
    meets = better * (latest.value - target) >= 0
    if target_time <= baseline.time:
        return result(Status.INSUFFICIENT_DATA, "the target date is not after the baseline", **figures)
    figures["trajectory"] = trajectory(
        baseline=baseline, target_value=target, target_time=target_time, points=[baseline, *after(points, baseline)]
    )
    figures["projection"] = project(
        points=usable(points),
        baseline=baseline,
        target_time=target_time,
        target_value=target,
        better=better,
        method=method,
        bounds=bounds,
    )
    if meets:
        return result(Status.ACHIEVED, f"latest value {latest.value:g} meets the target {target:g}", **figures)
    if better * (target - baseline.value) <= 0:
        return result(Status.DETERIORATING, "the target was met at the baseline and no longer is", **figures)
    if latest.time <= baseline.time:
        return result(Status.INSUFFICIENT_DATA, "no value after the baseline yet", **figures)
    spans = {"elapsed": latest.time - baseline.time, "allowed": target_time - baseline.time}
    if method.bounded_logit and bounds and inside_bounds(target, bounds):
        ratio, basis = bounded_ratio(
            baseline=baseline.value, latest=latest.value, target=target, bounds=bounds, **spans
        )
    else:
        ratio, basis = growth_ratio(baseline=baseline.value, latest=latest.value, target=target, **spans)
        if method.bounded_logit and bounds:
            basis += " (the target is the bound itself, whose logit is infinite, so not on the logit scale)"
    status = classify(ratio, method)
    reason = f"ratio of actual to required progress R = {ratio:.2f}, from {basis}"
    if method.clear_changes_only and unclear_change(baseline, latest):
        figures["ratio_status"] = str(status)
        status = Status.NO_CLEAR_CHANGE
        reason = (
            f"no clear change since baseline: the 95% intervals of {baseline.period} and {latest.period} overlap "
            f"(the ratio R = {ratio:.2f} would read as {STATUS_LABELS[Status(figures['ratio_status'])].lower()})"
        )
    return result(status, reason, **figures, ratio=round(ratio, 6), ratio_basis=basis)


def unclear_change(baseline: Point, latest: Point) -> bool:
    """Return whether both ends publish 95% intervals and they overlap (the change is within its uncertainty)."""
    if not (baseline.has_interval and latest.has_interval):
        return False
    return latest.lci <= baseline.uci and latest.uci >= baseline.lci
