"""Inputs, parameters and statuses of the progress method. Pure: no Django."""

from dataclasses import asdict, dataclass, field
from enum import StrEnum

from missions.progress.rule_figures import Figures

SUPPRESSED = frozenset({"x", "c", "z"})  # no usable value; "u" (low reliability) is used and flagged


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATING = "deteriorating"
    IMPROVING = "improving"
    NO_CLEAR_CHANGE = "no_clear_change"
    WORSENING = "worsening"
    INSUFFICIENT_DATA = "insufficient_data"
    NO_DATA_SOURCE = "no_data_source"
    DATA_REFUSED = "data_refused"


STATUS_LABELS = {
    Status.ACHIEVED: "Achieved",
    Status.ON_TRACK: "On track",
    Status.ACCELERATION_NEEDED: "Progress, acceleration needed",
    Status.LIMITED_PROGRESS: "Limited progress",
    Status.DETERIORATING: "Worsening",  # one word per meaning: away from a target or the wrong way
    Status.IMPROVING: "Improving",
    Status.NO_CLEAR_CHANGE: "No clear change",
    Status.WORSENING: "Worsening",
    Status.INSUFFICIENT_DATA: "Insufficient data",
    Status.NO_DATA_SOURCE: "No data source yet",
    Status.DATA_REFUSED: "Data refused",
}


@dataclass(frozen=True)
class Point:
    """One published value at one period; time is the period's midpoint in decimal years."""

    period: str
    time: float
    value: float | None
    lci: float | None = None
    uci: float | None = None
    status: str = ""
    months: int = 12  # the period's length; 0 for an instant (method v2 corrects for overlapping periods)

    @property
    def usable(self) -> bool:
        return self.value is not None and self.value == self.value and self.status not in SUPPRESSED

    @property
    def has_interval(self) -> bool:
        return self.lci is not None and self.uci is not None


@dataclass(frozen=True)
class Method:
    """Every threshold of a method version; stored with each assessment."""

    version: int = 1
    on_track_ratio: float = 0.95
    acceleration_ratio: float = 0.60
    trend_min_points: int = 5
    projection_min_points_after_baseline: int = 3
    significance: float = 0.05
    group_share: float = 0.10
    every_area_worsening_share: float = 0.5
    fan_quantiles: tuple[float, ...] = (0.1, 0.3, 0.5, 0.7, 0.9)
    # Version 2 (defaults keep version 1 exactly as stored):
    relative_gaps: bool = False  # judge a gap in the measure the catalogue names (ratio for level-scaled measures)
    resample_draws: int = 0  # draws of each area within its interval for gap changes (0: no resampling)
    resample_seed: int = 0
    clear_changes_only: bool = False  # a change within its 95% intervals is "no clear change"
    bounded_logit: bool = False  # project percentages on the logit scale
    overlap_correction: bool = False  # effective points and wider errors for overlapping multi-year periods
    target_period_ending: bool = False  # target year Y means the multi-year period ending in Y
    aggregate_all_targets: bool = False  # any target over a group of areas is computed from its members

    def as_dict(self) -> dict:
        return asdict(self)


METHOD_V1 = Method()
METHOD_V2 = Method(
    version=2,
    relative_gaps=True,
    resample_draws=1000,
    resample_seed=20261201,
    clear_changes_only=True,
    bounded_logit=True,
    overlap_correction=True,
    target_period_ending=True,
    aggregate_all_targets=True,
)
METHODS = {1: METHOD_V1, 2: METHOD_V2}


def group_share_of(result: dict) -> float:
    """Return the share of areas in a gap's top and bottom groups: as computed, else its method version's."""
    share = (result.get("inputs") or {}).get("share")
    return share if share is not None else METHODS[result.get("method_version", 1)].group_share


@dataclass(frozen=True)
class Result:
    """What every rule returns: the status, why, and every input and intermediate."""

    rule: str
    status: Status
    reason: str
    method_version: int
    inputs: dict = field(default_factory=dict)
    figures: Figures = field(default_factory=dict)  # see rule_figures: one TypedDict per rule
    interpreted: bool = False

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "status": str(self.status),
            "status_label": STATUS_LABELS[self.status],
            "reason": self.reason,
            "method_version": self.method_version,
            "interpreted": self.interpreted,
            "inputs": self.inputs,
            "figures": self.figures,
        }
