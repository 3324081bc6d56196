"""Findings in words: hand-checked sentences, and every number of every finding on the bundled data checked."""

import math
import re

import pytest

from missions.findings import subject_of, write_finding
from missions.findings.numbers import format_value, phrase_probability
from missions.ingestion.periods import period_label
from missions.progress import format_probability


def hle_male() -> dict:
    base = {"period": "2017-01/P3Y", "time": 2018.5, "value": 62.93, "lci": None, "uci": None, "status": ""}
    latest = {"period": "2022-01/P3Y", "time": 2023.5, "value": 60.71, "lci": None, "uci": None, "status": ""}
    return {
        "key": "hle-change-male",
        "metric_name": "Healthy life expectancy (Male)",
        "breakdown": "Male",
        "unit": "years",
        "decimal_places": 1,
        "polarity": "higher",
        "status": "deteriorating",
        "reason": "ratio of actual to required progress R = -1.57",
        "target": {"value": "5.0000", "value_kind": "increase_over_baseline", "target_year": 2035},
        "result": {
            "rule": "quantified",
            "status": "deteriorating",
            "inputs": {"target_time": 2035.5, "points": [base, latest]},
            "figures": {
                "baseline": base,
                "latest": latest,
                "target_level": 67.93,
                "ratio": -1.57,
                "projection": {"available": True, "probability_of_meeting_target": 0.0004},
            },
        },
    }


def test_a_quantified_finding_says_what_happened_what_was_needed_and_how_sure_we_are():
    assert write_finding(hle_male()).text == (
        "Healthy life expectancy for men fell from 62.9 years (2017 to 2019) to 60.7 years (2022 to 2024). "
        "Rising by 5 years by 2035 would need about 0.3 years a year; it has fallen by about 0.4 years a year. "
        "On current trends the target will not be met (probability below 1%)."
    )


@pytest.mark.parametrize(
    ("value", "unit", "places", "text"),
    [
        (62.94, "years", 1, "62.9 years"),
        (71.26, "percent", 1, "71.3%"),
        (612.4, "GBP per week (nominal)", 2, "£612.40 a week"),
        (12345.6, "GBP million", 0, "£12,346 million"),
        (310.24, "Rate per 100,000 population", 1, "310.2 per 100,000"),
        (7.44, "score out of 10", 1, "7.4 out of 10"),
        (-0.04, "years", 1, "0.0 years"),
        (1.5, "ratio", 2, "1.50"),
    ],
)
def test_values_are_rounded_by_the_metric_places_and_carry_their_unit(value, unit, places, text):
    assert format_value(value, unit=unit, places=places) == text


@pytest.mark.parametrize(
    ("p", "text"),
    [(0.0004, "below 1%"), (0.02, "about 2%"), (0.347, "about 35%"), (0.5, "about 50%"), (0.996, "above 99%")],
)
def test_probabilities_are_phrased_as_the_report_prints_them(p, text):
    assert phrase_probability(p) == text


@pytest.mark.parametrize(
    ("p", "shown"),
    [
        (0.0, {"below 1%"}),
        (0.0099, {"below 1%"}),
        (0.01, {"1%", "about 1%"}),
        (0.99, {"99%", "about 99%"}),
        (0.9901, {"above 99%"}),
        (1.0, {"above 99%"}),
    ],
)
def test_pages_and_report_sentences_clamp_probabilities_at_the_same_bounds(p, shown):
    assert {format_probability(p), phrase_probability(p)} == shown


def every_area(figures: dict) -> dict:
    base = {"baseline_period": "2019-01", "latest_period": "2023-01", "areas": 10}
    return {
        "key": "k",
        "metric_name": "Employment rate",
        "unit": "percent",
        "decimal_places": 1,
        "status": "no_clear_change",
        "reason": "",
        "result": {"rule": "every_area", "status": "no_clear_change", "figures": base | figures},
    }


def test_every_area_findings_use_the_v2_counts_when_present_and_the_v1_share_otherwise():
    v2 = write_finding(every_area({"clearly_better": 6, "no_clear_change": 3, "clearly_worse": 1}))
    assert v2.text == (
        "Of 10 areas, 6 were clearly better in 2023 than in 2019 on Employment rate, 3 showed no clear change "
        "and 1 were clearly worse."
    )
    v1 = write_finding(
        every_area({"share_improved": 0.8, "not_improved": [{"area": "E1"}, {"area": "E2"}]}), names={"E1": "Leeds"}
    )
    assert v1.text == (
        "8 of 10 areas (80%) had a better value of Employment rate in 2023 than in 2019. "
        "2 had not improved, including Leeds and E2."
    )


def test_refused_data_and_a_missing_source_are_said_plainly():
    refused = every_area({}) | {"status": "no_data_source", "reason": "the latest release of x is quarantined (bad)"}
    assert "validation checks refused the latest release" in write_finding(refused).text
    missing = every_area({}) | {"status": "no_data_source", "reason": "No published series is connected."}
    assert write_finding(missing).text == "Employment rate cannot be judged yet: no published series is connected."


# Every number in every sentence, checked against the stored assessment.
NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?")
UNIT_NUMBERS = re.compile(r"per 100,000|per 1,000 dwellings|out of 10|(?:top|bottom|highest|lowest|worst) 10%")


def numbers_in(data) -> list[float]:
    """Return every number anywhere in a stored result (figures and inputs), and its absolute value."""
    if isinstance(data, dict):
        return [n for v in data.values() for n in numbers_in(v)]
    if isinstance(data, list):
        return [n for v in data for n in numbers_in(v)]
    if isinstance(data, (int, float)) and not isinstance(data, bool) and math.isfinite(data):
        return [float(data), abs(float(data))]
    return []


def periods_in(data) -> set[str]:
    if isinstance(data, dict):
        found = {v for k, v in data.items() if "period" in k and isinstance(v, str)}
        return found | {p for v in data.values() for p in periods_in(v)}
    if isinstance(data, list):
        return {p for v in data for p in periods_in(v)}
    return set()


def derived(entry: dict) -> list[float]:
    """Return the figures a finding computes from the stored ones, computed here independently."""
    result, target = entry["result"], entry.get("target") or {}
    figures, out = result.get("figures", {}), []
    if "ratio" in figures:
        base, latest = figures["baseline"], figures["latest"]
        out += [(figures["target_level"] - base["value"]) / (result["inputs"]["target_time"] - base["time"])]
        out += [(latest["value"] - base["value"]) / (latest["time"] - base["time"])]
    if result.get("rule") == "gap" and "latest" in figures:
        before, after = figures["baseline"]["gap"], figures["latest"]["gap"]
        out += [after - before, (after - before) / before * 100]
    if result.get("rule") == "every_area" and "share_improved" in figures:
        missed = len(figures["not_improved"])
        out += [figures["areas"] - missed, missed, figures["share_improved"] * 100]
    if result.get("rule") == "gap_to_benchmark" and "baseline_period" in figures:
        first = next(p for p in figures["series"] if p["period"] == figures["baseline_period"])
        out += [figures["series"][-1]["value"] - first["value"]]
        out += [(figures["series"][-1]["value"] - first["value"]) / first["value"] * 100]
    share = result.get("inputs", {}).get("share")
    out += [share * 100] if share else []
    out += [float(v) for v in (target.get("value"), target.get("target_year")) if v not in (None, "")]
    return out + [abs(x) for x in out]


def matches(text: str, candidates: list[float]) -> bool:
    value = float(text.replace(",", ""))
    places = len(text.split(".")[1]) if "." in text else 0
    return any(abs(abs(value) - round(abs(c), places)) <= 0.5 * 10**-places + 1e-9 for c in candidates)


def unexplained_numbers(entry: dict, sentence: str) -> list[str]:
    """Return the numbers of sentence that no stored or derived figure of the entry accounts for."""
    sentence = sentence.replace(subject_of(entry, period_label).name, "the metric")  # names are not figures
    kind = entry.get("period_type") or None  # periods read as the metric's type says (April 2019, 2019/20)
    labels = sorted({period_label(p, period_type=kind) for p in periods_in(entry["result"])}, key=len, reverse=True)
    for label in labels:
        sentence = sentence.replace(label, "")
    probability = re.search(r"probability (?:about|below|above) (\d+)%", sentence)
    if probability:
        p = entry["result"]["figures"]["projection"]["probability_of_meeting_target"] * 100
        assert abs(float(probability[1]) - p) <= 2.5 or probability[0].endswith(("below 1%", "above 99%")), sentence
        sentence = sentence.replace(probability[0], "")
    sentence = UNIT_NUMBERS.sub("", sentence)
    candidates = numbers_in(entry["result"]) + derived(entry)
    allowed_text = entry["reason"] if entry["status"] in ("insufficient_data", "no_data_source", "data_refused") else ""
    return [n for n in NUMBER.findall(sentence) if not matches(n, candidates) and n not in allowed_text]


@pytest.mark.django_db
def test_every_number_in_every_finding_on_the_bundled_data_matches_the_assessment(shared_data):
    from datetime import date

    from missions.services.areas import load_areas
    from missions.services.assess import recompute_assessments
    from missions.services.catalogue import load_catalogue
    from missions.services.ingest import ingest_source
    from missions.services.sources import register_catalogue_sources
    from reports.snapshot import build_snapshot

    load_catalogue()
    load_areas(directory=shared_data / "geography")
    for source in register_catalogue_sources():
        ingest_source(source=source, location=str(shared_data / "ons-els" / source.slug))
    recompute_assessments(as_of=date(2026, 6, 30))
    entries = [e for m in build_snapshot(as_of=date(2026, 6, 30))["missions"] for e in m["targets"]]
    rules = {e["result"].get("rule") for e in entries if e["status"] not in ("no_data_source", "insufficient_data")}
    # Method v2: the one direction target (homicide, 3-year periods) has 2.7 independent points, so it is not judged.
    assert {"quantified", "gap", "every_area", "monitor"} <= rules
    assert any("refused" in e["finding"]["headline"] for e in entries)
    checked = 0
    for entry in entries:
        assert entry["finding"]["sentences"], entry["key"]
        for sentence in entry["finding"]["sentences"]:
            assert unexplained_numbers(entry, sentence) == [], (entry["key"], sentence)
            checked += len(NUMBER.findall(sentence))
    assert checked > 300


def test_the_number_check_catches_a_figure_the_assessment_does_not_hold():
    entry = hle_male()
    sentence = write_finding(entry).sentences[0]
    assert unexplained_numbers(entry, sentence) == []
    assert unexplained_numbers(entry, sentence.replace("60.7", "60.9")) == ["60.9"]
