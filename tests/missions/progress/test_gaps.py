import numpy as np
import pytest

from missions.progress import Point, Status, assess_every_area, assess_gap, gap_at, group_size
from missions.progress.gaps import assess_gap_to_benchmark

CODES = [f"E0600000{i}" for i in range(10)]


def section(values, half=None):
    return {
        c: Point("p", 0, float(v), *((v - half, v + half) if half else (None, None)))
        for c, v in zip(CODES, values, strict=False)
    }


@pytest.mark.parametrize(("n", "k"), [(216, 22), (205, 21), (10, 1), (5, 1), (1, 1)])
def test_the_top_and_bottom_groups_are_ten_percent_rounded_half_up(n, k):
    assert group_size(n, 0.1) == k


def test_gap_measures_for_one_period():
    measure = gap_at(section(range(1, 11)), share=0.1)
    assert measure["gap"] == 9.0 and measure["top"] == [CODES[9]] and measure["bottom"] == [CODES[0]]
    assert measure["p90_p10_ratio"] == pytest.approx(9.1 / 1.9)
    assert measure["cv"] == pytest.approx(np.std(range(1, 11)) / 5.5)


def test_a_clearly_narrower_gap_is_improving_and_names_the_movers():
    sections = {"2019": section(range(1, 11), half=0.1), "2023": section([5, 6, 3, 7, 8, 4, 6, 5, 6, 5], half=0.1)}
    result = assess_gap(sections=sections, times={"2019": 2019.5, "2023": 2023.5}, baseline_period="2019")
    assert result.status == Status.IMPROVING
    assert result.figures["baseline"]["gap"] == 9.0 and result.figures["latest"]["gap"] == 5.0
    assert result.figures["moved"]["top_entered"] == [CODES[4]]
    assert result.interpreted


def test_only_areas_with_values_at_both_ends_count_and_boundary_changes_are_reported():
    base = section(range(1, 11)) | {"E10000006": Point("p", 0, 50.0)}
    latest = section(range(1, 11)) | {"E06000063": Point("p", 0, 0.0)}
    result = assess_gap(sections={"a": base, "b": latest}, times={"a": 2019.5, "b": 2020.5}, baseline_period="a")
    assert result.figures["baseline"]["gap"] == 9.0
    assert result.figures["boundary_changes"] == {"only_at_baseline": ["E10000006"], "only_at_latest": ["E06000063"]}


def test_every_area_lists_the_areas_that_did_not_improve():
    sections = {"a": section([1, 2, 3]), "b": section([2, 2, 4])}
    result = assess_every_area(sections=sections, times={"a": 1.0, "b": 2.0}, baseline_period="a", polarity="higher")
    assert result.status == Status.NO_CLEAR_CHANGE
    assert result.figures["share_improved"] == pytest.approx(2 / 3)
    assert result.figures["not_improved"] == [{"area": CODES[1], "baseline": 2.0, "latest": 2.0}]
    everyone = assess_every_area(
        sections={"a": section([1, 2]), "b": section([2, 3])},
        times={"a": 1, "b": 2},
        baseline_period="a",
        polarity="higher",
    )
    assert everyone.status == Status.IMPROVING
    worse = assess_every_area(
        sections={"a": section([1, 2]), "b": section([0, 1])},
        times={"a": 1, "b": 2},
        baseline_period="a",
        polarity="higher",
    )
    assert worse.status == Status.WORSENING


def test_the_distance_to_a_benchmark_area_is_judged_like_a_gap():
    sections = {str(y): section([30 - i, 40 - 2 * i, 20]) for i, y in enumerate(range(2015, 2020))}
    times = {str(y): y + 0.5 for y in range(2015, 2020)}
    result = assess_gap_to_benchmark(sections=sections, times=times, benchmark=CODES[2], baseline_period="2015")
    assert [p["value"] for p in result.figures["series"]] == [15.0, 13.5, 12.0, 10.5, 9.0]
    assert result.status == Status.IMPROVING
