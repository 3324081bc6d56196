"""What each rule's `Result.figures` holds, key by key: the contract pages, API, findings and reports read.

TypedDicts rather than dataclasses: the figures are stored as JSON on every assessment and in published report
snapshots, so the stored shape stays a plain dict and old snapshots still load. Pure: no Django.
"""

from typing import NotRequired, TypedDict


class PointFigures(TypedDict):
    """One published value as stored (`series.point_dict`)."""

    period: str
    time: float
    value: float | None
    lci: float | None
    uci: float | None
    status: str


class TrajectoryRow(TypedDict):
    period: str
    outturn: float
    expected: float
    difference: float


class Projection(TypedDict):
    """The trend from the baseline projected to the target year; only `available` (and why not) when it cannot be."""

    available: bool
    reason: NotRequired[str]
    effective_points: NotRequired[float]
    slope_per_year: NotRequired[float]
    points_used: NotRequired[int]
    scale: NotRequired[str]  # "linear" or "logit"
    residual_sd: NotRequired[float]
    projected_value: NotRequired[float]
    prediction_se: NotRequired[float]
    fan: NotRequired[list[dict[str, float]]]  # {"time", "q10", "q30", "q50", "q70", "q90"}
    probability_of_meeting_target: NotRequired[float]
    probability_exact: NotRequired[float]


class ChangeTest(TypedDict, total=False):
    """How a change was judged (`direction.judge_change`): overlapping intervals, or a trend test."""

    test: str  # "intervals" or "trend"
    slope_per_year: float
    p_value: float
    points_used: int
    effective_points: float


class QuantifiedFigures(TypedDict, total=False):
    """A level or change target: ends, target level, path, projection and the ratio of actual to required."""

    baseline: PointFigures
    baseline_choice: str
    latest: PointFigures
    target_level: float
    low_reliability: bool
    trajectory: list[TrajectoryRow]
    projection: Projection
    ratio: float
    ratio_basis: str
    ratio_status: str  # the status the ratio alone gives, where a change within its intervals overrides it


class DirectionFigures(ChangeTest, total=False):
    """A monitor-only or direction target: its change test and both ends."""

    baseline: PointFigures
    baseline_choice: str
    latest: PointFigures
    change: float


class GapMeasure(TypedDict):
    """The top-group mean minus the bottom-group mean at one period (`gaps.gap_at`)."""

    areas: int
    group_size: int
    top_mean: float
    bottom_mean: float
    gap: float
    ratio: float | None
    p90_p10_ratio: float | None
    cv: float | None
    top: list[str]
    bottom: list[str]


class JudgedGap(TypedDict):
    measure: str  # "gap" or "ratio": what the status was judged on
    baseline: float
    latest: float
    change: float


class GapFigures(TypedDict, total=False):
    """A gap between the top and bottom group of areas (each group `Method.group_share` of them)."""

    baseline_period: str
    baseline_choice: str
    latest_period: str
    baseline: GapMeasure
    latest: GapMeasure
    change: float
    gap_measure: str
    judged: JudgedGap
    test: dict  # a ChangeTest, or the resampled interval of the change
    moved: dict[str, list[str]]
    boundary_changes: list
    latest_values: dict[str, float]
    series: list[dict]


class EveryAreaFigures(TypedDict, total=False):
    """Whether every area improved on its own baseline; v2 adds clear-change counts and a sign test."""

    baseline_period: str
    baseline_choice: str
    latest_period: str
    areas: int
    share_improved: float
    not_improved: list[dict]
    boundary_changes: list
    counts: dict[str, int] | None
    areas_by_change: dict[str, list[str]]
    sign_test_p_value: float


class BenchmarkFigures(TypedDict, total=False):
    """The mean distance of areas from a benchmark area, period by period, and its change test."""

    series: list[dict]
    test: ChangeTest
    baseline_period: str


Figures = QuantifiedFigures | DirectionFigures | GapFigures | EveryAreaFigures | BenchmarkFigures

FIGURES_OF_RULE: dict[str, type] = {
    "quantified": QuantifiedFigures,
    "direction": DirectionFigures,
    "monitor": DirectionFigures,
    "gap": GapFigures,
    "every_area": EveryAreaFigures,
    "gap_to_benchmark": BenchmarkFigures,
}
