"""Choosing baseline and latest points from a series. Pure: no Django."""

from missions.progress.rule_figures import PointFigures
from missions.progress.types import Point


def usable(points: list[Point]) -> list[Point]:
    """Return the points with a published, unsuppressed value, in time order."""
    return sorted((p for p in points if p.usable), key=lambda p: p.time)


def find_baseline(points: list[Point], period: str) -> tuple[Point | None, str]:
    """Return the baseline point and how it was chosen (the catalogue's period, else the earliest usable)."""
    ordered = usable(points)
    if period:
        match = next((p for p in ordered if p.period == period), None)
        if match:
            return match, f"baseline period {period} as catalogued"
        if any(p.period == period for p in points):
            return None, f"the baseline period {period} is suppressed or blank in the data"
    if not ordered:
        return None, "no usable value in the series"
    note = f"catalogued baseline {period} is not in the data; " if period else ""
    return ordered[0], note + f"earliest available period {ordered[0].period} used as baseline"


def after(points: list[Point], baseline: Point) -> list[Point]:
    """Return the usable points later than the baseline."""
    return [p for p in usable(points) if p.time > baseline.time]


def point_dict(point: Point | None) -> PointFigures | None:
    if point is None:
        return None
    return {
        "period": point.period,
        "time": round(point.time, 4),
        "value": point.value,
        "lci": point.lci,
        "uci": point.uci,
        "status": point.status,
    }
