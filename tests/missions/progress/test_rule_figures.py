"""Every rule's figures hold exactly the keys its TypedDict declares (rule_figures is the contract readers use)."""

import pytest

from missions.progress import (
    METHOD_V1,
    METHOD_V2,
    Point,
    assess_direction,
    assess_every_area,
    assess_gap,
    assess_gap_to_benchmark,
    assess_quantified,
)
from missions.progress.rule_figures import FIGURES_OF_RULE, GapMeasure, PointFigures, Projection

CODES = [f"E0600000{i}" for i in range(10)]
TIMES = {"2019": 2019.5, "2023": 2023.5}


def declared(typed) -> set[str]:
    return typed.__required_keys__ | typed.__optional_keys__


def points(half=None):
    values = [60.0, 60.5, 61.0, 61.2, 61.9]
    return [Point(str(2017 + i), 2017.5 + i, v, *((v - half, v + half) if half else ())) for i, v in enumerate(values)]


def sections(half=None):
    ends = {"2019": range(1, 11), "2023": [5, 6, 3, 7, 8, 4, 6, 5, 6, 5]}
    return {
        period: {
            c: Point(period, TIMES[period], float(v), *((v - half, v + half) if half else ()))
            for c, v in zip(CODES, values, strict=True)
        }
        for period, values in ends.items()
    }


def results(method):
    quantified = {
        "baseline_period": "2017",
        "value_kind": "increase_over_baseline",
        "target_time": 2030.5,
        "polarity": "higher",
    }
    areas = {"times": TIMES, "baseline_period": "2019", "method": method}
    for half in (None, 0.1, 5.0):
        yield assess_quantified(points=points(half), target_value=5.0, method=method, **quantified)
        yield assess_quantified(points=points(half), target_value=1.0, method=method, **quantified)
        yield assess_direction(points=points(half), baseline_period="2017", polarity="lower", method=method)
        yield assess_gap(sections=sections(half), gap_measure="relative", **areas)
        yield assess_every_area(sections=sections(half), polarity="higher", **areas)
    yield assess_gap_to_benchmark(sections=sections(), benchmark=CODES[0], **areas)
    yield assess_quantified(points=points()[:1], target_value=5.0, method=method, **quantified)


@pytest.mark.parametrize("method", [METHOD_V1, METHOD_V2], ids=["v1", "v2"])
def test_every_rule_returns_only_the_figures_its_typed_contract_declares(method):
    seen = set()
    for result in results(method):
        extra = set(result.figures) - declared(FIGURES_OF_RULE[result.rule])
        assert extra == set(), f"{result.rule} figures not declared in rule_figures: {extra}"
        for key, typed in (("baseline", PointFigures), ("latest", PointFigures), ("projection", Projection)):
            if result.rule == "gap" and key != "projection":
                typed = GapMeasure
            if key in result.figures:
                assert set(result.figures[key]) <= declared(typed), (result.rule, key)
        seen.add(result.rule)
    assert seen == set(FIGURES_OF_RULE) - {"monitor"}
