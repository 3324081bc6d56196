"""Method version 2 on hand-computed data: each judgement it changes, against version 1."""

import math

import pytest

from missions.progress import (
    METHOD_V1,
    METHOD_V2,
    Point,
    Status,
    assess_every_area,
    assess_gap,
    assess_quantified,
    effective_points,
    format_probability,
    target_time,
)
from missions.progress.projection import project
from missions.progress.resample import change_interval
from missions.progress.summary import summarise

CODES = [f"E0600000{i}" for i in range(10)]
TIMES = {"2019": 2019.5, "2023": 2023.5}


def section(values, half=None):
    return {
        c: Point("p", 0, float(v), *((v - half, v + half) if half is not None else (None, None)))
        for c, v in zip(CODES, values, strict=False)
    }


def test_a_pay_gap_that_grows_in_pounds_but_shrinks_as_a_ratio_narrows_under_version_2():
    # top 300 / bottom 100 (ratio 3, gap 200) to top 500 / bottom 250 (ratio 2, gap 250)
    base = section([100, 150, 160, 170, 180, 190, 200, 210, 220, 300], half=0.5)
    latest = section([250, 300, 310, 320, 330, 340, 350, 360, 370, 500], half=0.5)
    sections = {"2019": base, "2023": latest}
    v1 = assess_gap(sections=sections, times=TIMES, baseline_period="2019", gap_measure="relative")
    v2 = assess_gap(sections=sections, times=TIMES, baseline_period="2019", gap_measure="relative", method=METHOD_V2)
    assert v1.status == Status.WORSENING and v1.figures["gap_measure"] == "absolute"
    assert v2.status == Status.IMPROVING and v2.figures["gap_measure"] == "relative"
    assert v2.figures["judged"] == {"measure": "ratio", "baseline": 3.0, "latest": 2.0, "change": -1.0}
    assert (v2.figures["baseline"]["gap"], v2.figures["latest"]["gap"]) == (200.0, 250.0)  # shown beside
    assert v2.figures["change"] == 50.0 and v2.reason.startswith("ratio of the top to the bottom")


def test_a_catalogued_absolute_gap_stays_absolute_under_version_2():
    sections = {"2019": section(range(1, 11), half=0.01), "2023": section([2, *range(2, 11)], half=0.01)}
    result = assess_gap(sections=sections, times=TIMES, baseline_period="2019", method=METHOD_V2)
    assert result.figures["judged"]["measure"] == "gap" and result.figures["judged"]["change"] == pytest.approx(-1)
    assert result.status == Status.IMPROVING


def two_areas(top, bottom, se):
    half = 1.959964 * se
    return [Point("p", 0, top, top - half, top + half), Point("p", 0, bottom, bottom - half, bottom + half)]


def test_the_gap_change_interval_from_resampling_matches_the_hand_computed_normal_interval():
    # gap 10 -> 8 with four independent se of 1: change -2, se sqrt(4) = 2, so -2 +/- 3.92
    sampled = change_interval(
        base=two_areas(20, 10, 1), latest=two_areas(20, 12, 1), k=1, measure="absolute", draws=1000, seed=7
    )
    assert sampled["observed_change"] == -2.0
    assert sampled["interval_95"][0] == pytest.approx(-5.92, abs=0.4)
    assert sampled["interval_95"][1] == pytest.approx(1.92, abs=0.4)
    assert abs(sampled["noise_bias"]) < 0.2 and (sampled["draws"], sampled["seed"]) == (1000, 7)


def test_resampling_is_reproducible_from_its_recorded_seed():
    args = {"base": two_areas(20, 10, 1), "latest": two_areas(20, 12, 1), "k": 1, "measure": "absolute"}
    assert change_interval(**args, draws=200, seed=3) == change_interval(**args, draws=200, seed=3)
    assert change_interval(**args, draws=200, seed=3) != change_interval(**args, draws=200, seed=4)


def test_the_noise_bias_of_a_top_minus_bottom_gap_is_the_expected_range_of_the_noise():
    # Ten equal areas: no noise at baseline, se 1 at latest. The max minus min of ten standard normals averages
    # 3.0775 (tables of the expected range), which is the gap that noise alone adds.
    flat = [Point("p", 0, 10.0, 10.0, 10.0)] * 10
    noisy = [Point("p", 0, 10.0, 10 - 1.959964, 10 + 1.959964)] * 10
    sampled = change_interval(base=flat, latest=noisy, k=1, measure="absolute", draws=4000, seed=1)
    assert sampled["observed_change"] == 0.0
    assert sampled["noise_bias"] == pytest.approx(3.0775, abs=0.06)


@pytest.mark.parametrize(("se", "status"), [(1.0, Status.NO_CLEAR_CHANGE), (0.1, Status.IMPROVING)])
def test_a_gap_narrows_only_when_the_change_exceeds_its_sampling_noise(se, status):
    half = 1.959964 * se
    base = section([10, 11, 12, 13, 14, 15, 16, 17, 18, 20], half=half)
    latest = section([12, 13, 13, 13, 14, 15, 16, 17, 18, 20], half=half)  # gap 10 -> 8
    result = assess_gap(sections={"2019": base, "2023": latest}, times=TIMES, baseline_period="2019", method=METHOD_V2)
    assert result.status == status and result.figures["test"]["test"] == "resampling"


def test_a_gap_without_published_intervals_falls_back_to_version_1_and_says_so():
    sections = {"2019": section(range(1, 11)), "2023": section([2, *range(2, 11)])}
    result = assess_gap(sections=sections, times=TIMES, baseline_period="2019", method=METHOD_V2)
    assert result.status == Status.INSUFFICIENT_DATA and "no published intervals to resample" in result.reason


def test_every_area_counts_only_clear_changes_and_names_the_areas():
    # se 0.5 at both ends: a change is clear beyond 1.96 x sqrt(0.5) = 1.386
    base = section([10, 10, 10], half=0.98)
    latest = section([12, 11, 8], half=0.98)
    sections = {"2019": base, "2023": latest}
    v1 = assess_every_area(sections=sections, times=TIMES, baseline_period="2019", polarity="higher")
    v2 = assess_every_area(sections=sections, times=TIMES, baseline_period="2019", polarity="higher", method=METHOD_V2)
    assert v1.figures["share_improved"] == pytest.approx(2 / 3)
    assert v2.figures["counts"] == {"clearly_better": 1, "no_clear_change": 1, "clearly_worse": 1}
    groups = v2.figures["areas_by_change"]
    assert (groups["clearly_better"], groups["no_clear_change"], groups["clearly_worse"]) == (
        [CODES[0]],
        [CODES[1]],
        [CODES[2]],
    )
    assert v2.status == Status.NO_CLEAR_CHANGE and "1 areas clearly better" in v2.reason


def test_every_area_improves_when_clearly_better_areas_outnumber_worse_beyond_chance():
    # nine clearly better, none clearly worse: sign test p = 2 x 0.5^9 = 0.0039
    base = section([10] * 10, half=0.98)
    latest = section([12] * 9 + [10.5], half=0.98)
    result = assess_every_area(
        sections={"2019": base, "2023": latest},
        times=TIMES,
        baseline_period="2019",
        polarity="higher",
        method=METHOD_V2,
    )
    assert result.status == Status.IMPROVING and result.figures["sign_test_p_value"] == pytest.approx(
        2 * 0.5**9, abs=1e-6
    )


def test_a_flat_noisy_series_is_no_clear_change_where_version_1_called_it_worsening():
    base = section([70] * 10, half=2.0)
    latest = section([69.5] * 6 + [70.5] * 4, half=2.0)  # six of ten a little worse: v1's 50% rule
    sections = {"2019": base, "2023": latest}
    v1 = assess_every_area(sections=sections, times=TIMES, baseline_period="2019", polarity="higher")
    v2 = assess_every_area(sections=sections, times=TIMES, baseline_period="2019", polarity="higher", method=METHOD_V2)
    assert v1.status == Status.WORSENING
    assert v2.status == Status.NO_CLEAR_CHANGE and v2.figures["counts"]["no_clear_change"] == 10


HLE_FEMALE = [
    Point("2017-01/P3Y", 2018.5, 63.28, 63.11, 63.44, months=36),
    Point("2019-01/P3Y", 2020.5, 63.59, 63.40, 63.77, months=36),
]


def test_a_quantified_target_does_not_claim_movement_within_overlapping_intervals():
    # R = ((63.59 / 63.28)^(1/2) - 1) / ((63.9 / 63.28)^(1/12) - 1) = 0.002446 / 0.000813 = 3.01: "on track" in v1
    args = {
        "points": HLE_FEMALE,
        "baseline_period": "2017-01/P3Y",
        "target_value": 63.9,
        "value_kind": "absolute",
        "target_time": 2030.5,
        "polarity": "higher",
    }
    v1, v2 = assess_quantified(**args), assess_quantified(**args, method=METHOD_V2)
    expected_ratio = ((63.59 / 63.28) ** 0.5 - 1) / ((63.9 / 63.28) ** (1 / 12) - 1)
    assert v1.status == Status.ON_TRACK and v1.figures["ratio"] == pytest.approx(expected_ratio, abs=1e-6)
    assert v2.status == Status.NO_CLEAR_CHANGE and v2.figures["ratio"] == v1.figures["ratio"]
    assert v2.reason.startswith("no clear change since baseline") and v2.figures["ratio_status"] == "on_track"


def test_a_percentage_is_projected_on_the_logit_scale_and_stays_below_100():
    # exactly logistic: p(t) = 100 / (1 + exp(-(t - 2024))); at 2030.5, 100 / (1 + exp(-6.5)) = 99.8499
    points = [Point(str(y), y, 100 / (1 + math.exp(-(y - 2024))), months=0) for y in (2022, 2023, 2024, 2025)]
    args = {"points": points, "baseline": points[0], "target_time": 2030.5, "target_value": 99.0, "better": 1}
    v1 = project(**args, method=METHOD_V1, bounds=(0, 100))
    v2 = project(**args, method=METHOD_V2, bounds=(0, 100))
    assert v1["projected_value"] > 100
    assert v2["projected_value"] == pytest.approx(100 / (1 + math.exp(-6.5)), abs=1e-4) and v2["scale"] == "logit"
    assert all(row["q90"] <= 100 for row in v2["fan"])


def test_overlapping_three_year_periods_count_as_fewer_independent_points():
    three_year = [Point(f"{y}-01/P3Y", y + 1.5, 60.0 + y % 2, months=36) for y in range(2017, 2021)]
    assert effective_points(three_year) == 2.0  # 2017-2022 spans six years: two 3-year periods
    assert effective_points([Point(str(y), y + 0.5, 1.0) for y in range(2017, 2021)]) == 4.0
    seven = [Point(f"{y}-01/P3Y", y + 1.5, 60.0 + (y % 3) / 10, months=36) for y in range(2011, 2018)]
    assert effective_points(seven) == 3.0  # nine years


def test_projections_on_overlapping_periods_are_withheld_or_widened():
    four = [Point(f"{y}-01/P3Y", y + 1.5, 60.0 + 0.1 * y + 0.05 * (y % 2), months=36) for y in range(2014, 2021)]
    args = {"baseline": four[0], "target_time": 2034.5, "target_value": 62.0, "better": 1, "bounds": None}
    withheld = project(points=four[:4], **args, method=METHOD_V2)
    assert withheld == {
        "available": False,
        "reason": "2.0 independent points from the baseline (the periods overlap); a projection needs 3",
        "effective_points": 2.0,
    }
    v1, v2 = project(points=four, **args, method=METHOD_V1), project(points=four, **args, method=METHOD_V2)
    assert v2["effective_points"] == 3.0 and v1["effective_points"] == 7.0
    assert v2["fan"][-1]["q90"] - v2["fan"][-1]["q10"] > 3 * (v1["fan"][-1]["q90"] - v1["fan"][-1]["q10"])


@pytest.mark.parametrize(
    ("p", "text"), [(0.0, "below 1%"), (0.004, "below 1%"), (0.5, "50%"), (0.988, "99%"), (0.9951, "above 99%")]
)
def test_probabilities_below_1_or_above_99_percent_are_shown_as_such(p, text):
    assert format_probability(p) == text


@pytest.mark.parametrize(
    ("months", "method", "time"),
    [(36, METHOD_V2, 2029.5), (12, METHOD_V2, 2030.5), (0, METHOD_V2, 2030.5), (36, METHOD_V1, 2030.5)],
)
def test_a_target_year_of_a_three_year_series_means_the_period_ending_in_it(months, method, time):
    assert target_time(year=2030, months=months, method=method) == time


def test_the_headline_of_a_relatively_judged_gap_names_the_ratio_beside_the_gap():
    base = section([100, 150, 160, 170, 180, 190, 200, 210, 220, 300], half=0.5)
    latest = section([250, 300, 310, 320, 330, 340, 350, 360, 370, 500], half=0.5)
    result = assess_gap(
        sections={"2019": base, "2023": latest},
        times=TIMES,
        baseline_period="2019",
        gap_measure="relative",
        method=METHOD_V2,
    )
    summary = summarise(result.as_dict())
    assert summary["measure"] == "gap between top and bottom 10% (judged as the ratio of their means: 3.000 to 2.000)"
    assert (summary["baseline"]["value"], summary["latest"]["value"]) == (200.0, 250.0)


def test_a_gap_trend_over_overlapping_periods_counts_its_independent_points():
    # five 3-year periods a year apart span seven years: 2.3 independent points, too few for a trend in v2
    times = {f"{y}-01/P3Y": y + 1.5 for y in range(2017, 2022)}
    sections = {
        period: {c: Point(period, t, 2.0 * i + 1, months=36) for i, c in enumerate(CODES)}
        for period, t in times.items()
    }
    args = {"sections": sections, "times": times, "baseline_period": "2017-01/P3Y"}
    assert assess_gap(**args).figures["test"]["points_used"] == 5
    v2 = assess_gap(**args, method=METHOD_V2)
    assert v2.status == Status.INSUFFICIENT_DATA and v2.figures["test"] == {"effective_points": pytest.approx(7 / 3)}


def test_progress_towards_a_percentage_target_is_measured_on_the_logit_scale():
    # gigabit coverage 78.5 (2024.0) to 87.8 (2026.0), target 99 at 2030.5:
    # logits 1.2950, 1.9741, 4.5951; R = (0.6791 / 2) / (3.3001 / 6.5) = 0.669: acceleration needed (v1: R = 1.58)
    points = [Point("2024-01", 2024.0, 78.5, months=0), Point("2026-01", 2026.0, 87.8, months=0)]
    args = {"points": points, "baseline_period": "2024-01", "target_value": 99.0, "value_kind": "absolute"}
    args |= {"target_time": 2030.5, "polarity": "higher", "bounds": (0.0, 100.0)}
    v1, v2 = assess_quantified(**args), assess_quantified(**args, method=METHOD_V2)
    assert v1.status == Status.ON_TRACK and v1.figures["ratio"] == pytest.approx(1.58, abs=0.005)
    assert v2.figures["ratio"] == pytest.approx(0.669, abs=0.001) and v2.status == Status.ACCELERATION_NEEDED
    assert v2.figures["ratio_basis"] == "linear rates on the logit scale (a percentage)"


def test_a_target_at_the_bound_itself_is_not_measured_on_the_logit_scale():
    # devolution coverage 41 (2022.1) to 60 (2024.0), target 100 at 2030.5: logit(100%) is infinite, so compound rates:
    # actual = (60/41)^(1/1.9) - 1 = 0.2220, required = (100/41)^(1/8.4) - 1 = 0.1120; R = 1.98: on track
    points = [Point("2022-02", 2022.1, 41.0, months=0), Point("2024-01", 2024.0, 60.0, months=0)]
    args = {"points": points, "baseline_period": "2022-02", "target_value": 100.0, "value_kind": "absolute"}
    args |= {"target_time": 2030.5, "polarity": "higher", "bounds": (0.0, 100.0)}
    result = assess_quantified(**args, method=METHOD_V2)
    assert result.figures["ratio"] == pytest.approx(1.98, abs=0.01) and result.status == Status.ON_TRACK
    assert result.figures["ratio_basis"].startswith("compound annual growth rates (the target is the bound itself")
