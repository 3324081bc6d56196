"""The progress method: pure functions from plain series to frozen results. No Django, no ORM, no settings."""

from missions.progress.direction import assess_direction
from missions.progress.gaps import assess_every_area, assess_gap, assess_gap_to_benchmark, gap_at, group_size
from missions.progress.quantified import assess_quantified, growth_ratio, target_level
from missions.progress.summary import format_probability
from missions.progress.timing import effective_points, target_time
from missions.progress.types import METHOD_V1, METHOD_V2, METHODS, STATUS_LABELS, Method, Point, Result, Status

__all__ = [
    "METHOD_V1",
    "METHOD_V2",
    "METHODS",
    "STATUS_LABELS",
    "Method",
    "Point",
    "Result",
    "Status",
    "assess_direction",
    "assess_every_area",
    "assess_gap",
    "assess_gap_to_benchmark",
    "assess_quantified",
    "effective_points",
    "format_probability",
    "target_time",
    "gap_at",
    "group_size",
    "growth_ratio",
    "target_level",
]
