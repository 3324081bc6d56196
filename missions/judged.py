"""How a status was judged, in sentences a reader can follow: the method's figures rounded to the metric's decimal
places, periods by their labels, probabilities as percentages. Pure: no Django.

The stored result keeps every figure for recomputation; this module only words them. Pages, the API and reports
all call explain(), so they say the same thing.
"""

import re
from dataclasses import dataclass
from functools import partial

from missions.findings.numbers import format_number, format_share, phrase_probability
from missions.ingestion.periods import label_periods_in, period_label
from missions.progress.types import group_share_of


@dataclass(frozen=True)
class Subject:
    """How one target's numbers and periods are printed."""

    places: int = 1
    unit: str = ""
    period_type: str | None = None
    target_year: int | None = None

    def num(self, value: float | None, extra: int = 0) -> str:
        return "-" if value is None else format_number(value, self.places + extra)

    def period(self, key: str) -> str:
        return period_label(key, period_type=self.period_type)


def explain(result: dict, *, subject: Subject, probability: float | None = None) -> dict:
    """Return {"headline": one plain sentence for the status, "judged": the method's figures as sentences}."""
    figures, rule = result.get("figures") or {}, result.get("rule", "")
    wording = {"quantified": _quantified, "gap": _gap, "every_area": _every_area, "gap_to_benchmark": _benchmark}
    if rule == "gap":
        wording["gap"] = partial(_gap, share=group_share_of(result))
    judged = wording.get(rule, _direction)(figures, subject, result.get("status", ""))
    headline = _headline(result, judged, subject)
    judged = [sentence for sentence in judged if sentence != headline]
    if figures.get("baseline_choice") and "as catalogued" not in figures["baseline_choice"]:
        judged.append(_sentence(label_periods_in(figures["baseline_choice"], period_type=subject.period_type)))
    if probability is not None:
        judged.append(
            "Extending the trend of the published values to the target year gives a chance of meeting the target of "
            f"{phrase_probability(probability)}. This is a trend extrapolation, not a forecast."
        )
    if figures.get("low_reliability"):
        judged.append("The publisher marks the latest value as of low reliability.")
    return {"headline": headline, "judged": judged}


def _headline(result: dict, judged: list[str], s: Subject) -> str:
    """Return the one sentence shown beside the status: why it has that status, in plain words."""
    figures, status = result.get("figures") or {}, result.get("status", "")
    if status in ("insufficient_data", "no_data_source", "data_refused") or not judged:
        return plain_reason(result.get("reason", ""), subject=s)
    if result.get("rule") == "quantified":
        if status == "no_clear_change" and "ratio_status" in figures:
            return DIRECTION_HEADLINES["overlap"]
        if "ratio" in figures:
            return _sentence(_pace(figures["ratio"]))
        if status == "achieved":
            return f"The latest value, {s.num(figures['latest']['value'])}, meets the target."
        return plain_reason(result.get("reason", ""), subject=s)
    if result.get("rule") in ("gap", "every_area", "gap_to_benchmark"):
        return judged[0]
    return DIRECTION_HEADLINES.get(_verdict(figures), plain_reason(result.get("reason", ""), subject=s))


DIRECTION_HEADLINES = {
    "apart": "The change since the baseline is larger than the uncertainty in the estimates.",
    "overlap": "The change since the baseline is within the uncertainty in the estimates.",
    "clear trend": "The trend since the baseline is clear: too steady to be chance.",
    "no clear trend": "There is no clear trend since the baseline: the values could vary this much by chance.",
}


def _verdict(figures: dict) -> str:
    baseline, latest = figures.get("baseline") or {}, figures.get("latest") or {}
    if figures.get("test") == "intervals" and baseline.get("lci") is not None and latest.get("lci") is not None:
        return "apart" if baseline["uci"] < latest["lci"] or latest["uci"] < baseline["lci"] else "overlap"
    if figures.get("test") == "trend" and figures.get("p_value") is not None:
        return "clear trend" if figures["p_value"] < 0.05 else "no clear trend"
    return ""


def plain_reason(reason: str, *, subject: Subject) -> str:
    """Return a stored reason in plain words: periods by their labels, no formula notation."""
    text = label_periods_in(reason, period_type=subject.period_type)
    text = re.sub(r"ratio of actual to required progress R = (-?[\d.]+)", _pace_from_match, text)
    text = re.sub(r"the ratio R = (-?[\d.]+)", lambda m: f"a pace of {_percent(float(m[1]))} of that needed", text)
    text = re.sub(r"\bR = (-?[\d.]+)", lambda m: f"a pace of {_percent(float(m[1]))} of that needed", text)
    text = re.sub(
        r"\(p = ([\d.]+)\)",
        lambda m: f"(chance of a trend this steep by chance: {phrase_probability(float(m[1]))})",
        text,
    )
    text = re.sub(r"^(gap|distance) the ", r"\1: the ", text)
    return _sentence(text)


def _pace_from_match(match) -> str:
    return _pace(float(match[1]))


def _percent(ratio: float) -> str:
    return f"about {round(ratio * 100)}%"


def _pace(ratio: float) -> str:
    if ratio < 0:
        return "since the baseline the value has moved away from the target"
    return (
        f"since the baseline the value has moved at about {round(ratio * 100)}% of the pace needed to meet the target"
    )


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "." if text else ""


def _ends(figures: dict, s: Subject) -> list[str]:
    baseline, latest = figures.get("baseline") or {}, figures.get("latest") or {}
    if "value" not in baseline or "value" not in latest:
        return []
    return [
        f"The baseline is {s.num(baseline['value'])} ({s.period(baseline['period'])}) and the latest value is "
        f"{s.num(latest['value'])} ({s.period(latest['period'])})."
    ]


def _quantified(figures: dict, s: Subject, status: str) -> list[str]:
    sentences = []
    if "ratio" in figures:
        sentences.append(_sentence(_pace(figures["ratio"])))
    if "ratio_status" in figures:
        sentences.append(
            "The 95% confidence intervals of the baseline and the latest value overlap, so the method does not "
            "claim a change either way."
        )
    sentences += _ends(figures, s)
    if figures.get("target_level") is not None:
        by = f" by {s.target_year}" if s.target_year else ""
        sentences.append(f"The target is {s.num(figures['target_level'])}{by}.")
    if "ratio" in figures:
        basis = "yearly growth rates" if "growth" in figures.get("ratio_basis", "growth") else "yearly changes"
        sentences.append(
            f"The pace is measured by comparing {basis}: the change since the baseline against the change needed "
            "between the baseline and the target year."
        )
    return sentences


def _direction(figures: dict, s: Subject, status: str) -> list[str]:
    return _ends(figures, s) + _test(figures, figures.get("baseline") or {}, figures.get("latest") or {}, s, status)


def _test(test: dict, baseline: dict, latest: dict, s: Subject, status: str = "") -> list[str]:
    """Return what the test of the change found: intervals compared, a trend fitted, or resampled noise."""
    kind = test.get("test")
    if kind == "intervals" and baseline.get("lci") is not None and latest.get("lci") is not None:
        apart = baseline["uci"] < latest["lci"] or latest["uci"] < baseline["lci"]
        return [
            f"The 95% confidence intervals of the baseline ({s.num(baseline['lci'])} to {s.num(baseline['uci'])}) "
            f"and the latest value ({s.num(latest['lci'])} to {s.num(latest['uci'])}) "
            + (
                "do not overlap, so the change is larger than the uncertainty in the estimates."
                if apart
                else "overlap, so the change cannot be told apart from the uncertainty in the estimates."
            )
        ]
    if kind == "intervals" and status in ("improving", "worsening", "no_clear_change"):
        apart = status != "no_clear_change"
        return [
            "The 95% confidence intervals of the baseline and the latest figure "
            + (
                "do not overlap, so the change is larger than the uncertainty in the estimates."
                if apart
                else "overlap, so the change cannot be told apart from the uncertainty in the estimates."
            )
        ]
    if kind == "trend":
        p = test.get("p_value")
        found = "a clear trend" if p is not None and p < 0.05 else "no clear trend"
        return [
            f"No confidence intervals are published, so a straight-line trend was fitted to the "
            f"{test.get('points_used', 'published')} values from the baseline: it changes by "
            f"{s.num(test.get('slope_per_year'), 1)} a year, {found} (a trend this steep would arise by chance "
            f"{phrase_probability(p or 0)} of the time if nothing had changed)."
        ]
    if kind == "resampling" and test.get("interval_95"):
        low, high = test["interval_95"]
        return [
            f"Redrawing every area within its published 95% confidence interval {test.get('draws', 1000)} times, the "
            f"change lies between {_signed(low, s)} and {_signed(high, s)} in 95% of draws"
            + (", so it is clear." if low > 0 or high < 0 else ", so it cannot be told apart from that uncertainty.")
        ]
    return []


def _signed(value: float, s: Subject) -> str:
    return ("+" if value > 0 else "") + s.num(value, 2 if abs(value) < 1 else 1)


def _gap(figures: dict, s: Subject, status: str, *, share: float) -> list[str]:
    base, latest = figures.get("baseline") or {}, figures.get("latest") or {}
    if "gap" not in base or "gap" not in latest:
        return []
    size = base.get("group_size")
    each = f" ({size} {'area' if size == 1 else 'areas'} each)" if size else ""
    group = f"top and bottom {format_share(share)} of areas{each}"
    moved = "widened" if latest["gap"] > base["gap"] else "narrowed" if latest["gap"] < base["gap"] else "held"
    periods = s.period(figures["baseline_period"]), s.period(figures["latest_period"])
    sentences = [
        f"The gap between the average of the {group} {moved} from {s.num(base['gap'])} in {periods[0]} "
        f"to {s.num(latest['gap'])} in {periods[1]}."
    ]
    judged = figures.get("judged") or {}
    if judged.get("measure") == "ratio":
        sentences.append(
            f"It is judged as the ratio of the two averages, which went from {format_number(judged['baseline'], 2)} "
            f"to {format_number(judged['latest'], 2)}, because the level of this measure moves both groups."
        )
    test = figures.get("test") if isinstance(figures.get("test"), dict) else {}
    return sentences + _test(test, {}, {}, s, status)


def _every_area(figures: dict, s: Subject, status: str) -> list[str]:
    if "areas" not in figures:
        return []
    periods = s.period(figures["baseline_period"]), s.period(figures["latest_period"])
    counts = figures.get("counts")
    if counts:
        better, flat, worse = (counts[k] for k in ("clearly_better", "no_clear_change", "clearly_worse"))
        return [
            f"Of {figures['areas']} areas compared between {periods[0]} and {periods[1]}, {better} "
            f"{_are(better)} clearly better, {flat} {'shows' if flat == 1 else 'show'} no clear change and {worse} "
            f"{_are(worse)} clearly worse, judged against each area's published 95% confidence intervals."
        ]
    better = round(figures.get("share_improved", 0) * figures["areas"])
    return [f"{better} of {figures['areas']} areas {_are(better)} better in {periods[1]} than in {periods[0]}."]


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def _benchmark(figures: dict, s: Subject, status: str) -> list[str]:
    series = figures.get("series") or []
    if len(series) < 2:
        return []
    first, last = series[0], series[-1]
    sentences = [
        f"The average distance of areas from the benchmark area went from {s.num(first['value'])} in "
        f"{s.period(first['period'])} to {s.num(last['value'])} in {s.period(last['period'])}."
    ]
    test = figures.get("test") if isinstance(figures.get("test"), dict) else {}
    return sentences + _test(test, {}, {}, s, status)
