"""Findings for targets judged on one series: quantified targets and direction-only metrics. Pure: no Django."""

from collections.abc import Callable
from dataclasses import dataclass

from missions.findings.numbers import (
    format_change,
    format_number,
    format_value,
    likelihood,
    phrase_probability,
    rate_places,
)


@dataclass(frozen=True)
class Subject:
    """What a finding is about, and how its numbers are printed."""

    name: str
    unit: str
    places: int
    polarity: str
    label: Callable[[str], str]

    def value(self, number: float) -> str:
        return format_value(number, unit=self.unit, places=self.places)

    def change(self, number: float, places: int | None = None) -> str:
        return format_change(number, unit=self.unit, places=self.places if places is None else places)

    def rate(self, number: float) -> str:
        return self.change(number, rate_places(number, self.places)) + " a year"

    def same(self, a: float, b: float) -> bool:
        return format_number(a, self.places) == format_number(b, self.places)


def movement(subject: Subject, baseline: dict, latest: dict) -> str:
    """Say how the series moved from the baseline to the latest value, each with its period."""
    first, last = subject.label(baseline["period"]), subject.label(latest["period"])
    if baseline["period"] == latest["period"]:
        return f"{subject.name} was {subject.value(baseline['value'])} in {first}; no later value has been published."
    if subject.same(baseline["value"], latest["value"]):
        return f"{subject.name} was {subject.value(latest['value'])} in both {first} and {last}."
    verb = "rose" if latest["value"] > baseline["value"] else "fell"
    return (
        f"{subject.name} {verb} from {subject.value(baseline['value'])} ({first}) "
        f"to {subject.value(latest['value'])} ({last})."
    )


def target_phrase(subject: Subject, *, target: dict, level: float, baseline: float) -> str:
    """Name the target in words: rising by five years, reaching twice the baseline, reaching 85%."""
    value, kind = float(target.get("value") or 0), target.get("value_kind")
    if kind == "increase_over_baseline":
        places = 0 if value == int(value) else subject.places
        return f"{'Rising' if value >= 0 else 'Falling'} by {subject.change(value, places)}"
    if kind == "multiple_of_baseline":
        return f"Reaching {format_number(value, 2).rstrip('0').rstrip('.')} times the baseline, {subject.value(level)},"
    return f"{'Reaching' if level >= baseline else 'Falling to'} {subject.value(level)}"


def yearly_rates(figures: dict, inputs: dict) -> tuple[float, float]:
    """Return the straight-line change a year the target needs and the one achieved since the baseline."""
    base, latest = figures["baseline"], figures["latest"]
    needed = (figures["target_level"] - base["value"]) / (inputs["target_time"] - base["time"])
    achieved = (latest["value"] - base["value"]) / (latest["time"] - base["time"])
    return needed, achieved


def quantified_sentences(result: dict, subject: Subject, *, target: dict) -> list[str]:
    """Return what happened, against what was needed, and how sure the projection is."""
    figures, inputs, status = result.get("figures", {}), result.get("inputs", {}), result["status"]
    if "latest" not in figures:
        return []
    sentences = [movement(subject, figures["baseline"], figures["latest"])]
    level, year = figures["target_level"], target.get("target_year")
    if status == "achieved":
        return [*sentences, f"This meets the target of {subject.value(level)} set for {year}."]
    if status == "deteriorating" and "ratio" not in figures:
        return [*sentences, f"The target level, {subject.value(level)}, was met at the baseline and no longer is."]
    if "ratio" in figures:
        needed, achieved = yearly_rates(figures, inputs)
        phrase = target_phrase(subject, target=target, level=level, baseline=figures["baseline"]["value"])
        sentences.append(f"{phrase} by {year} would need about {subject.rate(needed)}; {_pace(subject, achieved)}.")
        if "logit" in figures.get("ratio_basis", "") and figures["ratio"] > 0:
            sentences.append(
                "Measured on the logit scale, where the last points before the maximum are the hardest to gain "
                f"(method version 2), progress is {format_number(figures['ratio'], 2)} times the pace needed."
            )
    return [*sentences, _outlook(figures.get("projection") or {})]


def _pace(subject: Subject, achieved: float) -> str:
    if format_number(achieved, rate_places(achieved, subject.places)).strip("-0.,") == "":
        return "it has not changed"
    return f"it has {'risen' if achieved > 0 else 'fallen'} by about {subject.rate(achieved)}"


def _outlook(projection: dict) -> str:
    p = projection.get("probability_of_meeting_target")
    if not projection.get("available") or p is None:
        return "There are too few values since the baseline to project the trend to the target date."
    return f"On current trends the target {likelihood(p)} (probability {phrase_probability(p)})."


def direction_sentences(result: dict, subject: Subject, *, monitored: bool) -> list[str]:
    """Return how a series without a numerical target moved, and whether the change is clear."""
    figures, status = result.get("figures", {}), result["status"]
    if "latest" not in figures:
        return []
    sentences = [movement(subject, figures["baseline"], figures["latest"])]
    if monitored:
        sentences.append("The monitor follows this measure without a numerical target.")
    return [*sentences, clarity(figures, subject, status)]


def clarity(figures: dict, subject: Subject, status: str) -> str:
    """Say whether a change is clear, by the test the method used (intervals or trend)."""
    better = "lower" if subject.polarity == "lower" else "higher"
    direction = {"improving": f"clearly {better}", "worsening": f"clearly {_opposite(better)}"}
    if figures.get("test") == "intervals":
        if status in direction:
            return f"The confidence intervals do not overlap: the latest value is {direction[status]}."
        return "The confidence intervals overlap, so this is not a clear change."
    if figures.get("test") == "trend":
        trend = f"The trend over the {figures['points_used']} values from the baseline"
        slope = figures["slope_per_year"]
        if status in direction:
            way = "a rise" if slope > 0 else "a fall"
            return f"{trend}, {way} of about {subject.rate(slope)}, is statistically significant."
        return f"{trend} is not statistically significant, so this is not a clear change."
    return ""


def _opposite(word: str) -> str:
    return "higher" if word == "lower" else "lower"
