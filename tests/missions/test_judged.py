"""The method's figures in sentences: rounded to the metric's places, periods labelled, probabilities in words."""

import pytest

from missions.judged import Subject, explain, plain_reason

HLE = Subject(places=1, unit="years", period_type="calendar_year", target_year=2035)


def point(period, value, lci=None, uci=None):
    return {"period": period, "value": value, "lci": lci, "uci": uci, "time": 0, "status": ""}


def quantified(ratio, status="limited_progress"):
    return {
        "rule": "quantified",
        "status": status,
        "reason": f"ratio of actual to required progress R = {ratio:.2f}, from compound annual growth rates",
        "figures": {
            "baseline": point("2017-01/P3Y", 62.91234),
            "baseline_choice": "baseline period 2017-01/P3Y as catalogued",
            "latest": point("2022-01/P3Y", 60.7456),
            "target_level": 67.91234,
            "ratio": ratio,
            "ratio_basis": "compound annual growth rates",
        },
    }


def test_a_quantified_target_moving_away_says_so_without_formula_notation():
    told = explain(quantified(-1.57, "deteriorating"), subject=HLE, probability=0.0)
    text = " ".join([told["headline"], *told["judged"]])
    assert told["headline"] == "Since the baseline the value has moved away from the target."
    assert "The baseline is 62.9 (2017 to 2019) and the latest value is 60.7 (2022 to 2024)." in told["judged"]
    assert "The target is 67.9 by 2035." in told["judged"]
    assert "chance of meeting the target of below 1%" in text
    assert "R =" not in text and "/P3Y" not in text and "62.91" not in text


def test_a_quantified_target_moving_slowly_gives_the_share_of_the_pace_needed():
    told = explain(quantified(0.4449), subject=HLE, probability=0.35)
    assert told["headline"] == (
        "Since the baseline the value has moved at about 44% of the pace needed to meet the target."
    )
    assert any("about 35%" in sentence and "trend extrapolation" in sentence for sentence in told["judged"])


@pytest.mark.parametrize(
    ("status", "latest", "headline", "detail"),
    [
        ("worsening", point("2024-01", 26.6, 26.4, 26.9), "larger than the uncertainty", "(26.4 to 26.9)"),
        ("no_clear_change", point("2024-01", 22.7, 22.5, 22.9), "within the uncertainty", "overlap, so the change"),
    ],
)
def test_a_direction_judged_by_intervals_names_both_intervals(status, latest, headline, detail):
    result = {
        "rule": "monitor",
        "status": status,
        "reason": "the 95% intervals of baseline and latest overlap",
        "figures": {"test": "intervals", "baseline": point("2015-11", 22.6, 22.4, 22.8), "latest": latest},
    }
    told = explain(result, subject=Subject(places=1, period_type="year"))
    assert headline in told["headline"]
    assert any(detail in sentence and "(22.4 to 22.8)" in sentence for sentence in told["judged"])
    assert "2015/16" in " ".join(told["judged"])


def test_a_trend_test_reports_its_slope_and_chance_in_words():
    result = {
        "rule": "direction",
        "status": "no_clear_change",
        "reason": "trend not significant (p = 0.350)",
        "figures": {
            "test": "trend",
            "slope_per_year": 0.1234,
            "p_value": 0.35,
            "points_used": 6,
            "baseline": point("2019-04", 7.5),
            "latest": point("2024-04", 7.6),
        },
    }
    told = explain(result, subject=Subject(places=2, period_type="financial_year"))
    assert told["headline"].startswith("There is no clear trend")
    assert any("6 values" in s and "0.123 a year" in s and "about 35%" in s for s in told["judged"])
    assert "The baseline is 7.50 (2019/20) and the latest value is 7.60 (2024/25)." in told["judged"]


def test_a_gap_says_how_it_moved_between_labelled_periods():
    result = {
        "rule": "gap",
        "status": "worsening",
        "reason": "gap the 95% intervals of baseline and latest do not overlap",
        "figures": {
            "baseline_period": "2017-01/P3Y",
            "latest_period": "2022-01/P3Y",
            "baseline": {"gap": 11.63, "group_size": 22},
            "latest": {"gap": 14.49, "group_size": 22},
            "test": {"test": "intervals"},
        },
    }
    told = explain(result, subject=HLE)
    assert told["headline"] == (
        "The gap between the average of the top and bottom 10% of areas (22 areas each) widened from 11.6 in "
        "2017 to 2019 to 14.5 in 2022 to 2024."
    )
    assert told["judged"] == [
        "The 95% confidence intervals of the baseline and the latest figure do not overlap, so the change is "
        "larger than the uncertainty in the estimates."
    ]


def test_every_area_counts_areas_between_labelled_periods():
    result = {
        "rule": "every_area",
        "status": "no_clear_change",
        "reason": "300 of 361 areas improved",
        "figures": {"baseline_period": "2019-04", "latest_period": "2023-04", "areas": 361, "share_improved": 0.831},
    }
    told = explain(result, subject=Subject(places=1, period_type="month"))
    assert told["headline"] == "300 of 361 areas are better in April 2023 than in April 2019."


@pytest.mark.parametrize(
    ("reason", "plain"),
    [
        ("ratio of actual to required progress R = -1.57, from compound annual growth rates", "Since the baseline"),
        ("gap the 95% intervals of baseline and latest do not overlap", "Gap: the 95% intervals"),
        ("catalogued baseline 2019-01 is not in the data", "Catalogued baseline 2019 is not in the data."),
        ("trend not significant (p = 0.004)", "below 1%"),
        ("no clear change (the ratio R = 0.50 would read as acceleration needed)", "a pace of about 50% of that"),
    ],
)
def test_stored_reasons_are_reworded_without_formulas_or_storage_periods(reason, plain):
    text = plain_reason(reason, subject=HLE)
    assert plain in text and "R =" not in text and "-01/" not in text and "p =" not in text


def test_a_target_without_enough_data_gives_its_reason_in_plain_words():
    result = {"rule": "quantified", "status": "insufficient_data", "reason": "no value after the baseline yet"}
    assert explain(result, subject=HLE) == {"headline": "No value after the baseline yet.", "judged": []}


def test_a_gap_judged_by_resampling_gives_the_range_of_its_change():
    result = {
        "rule": "gap",
        "status": "no_clear_change",
        "reason": "did not change clearly: 1.100 to 1.120; the change's 95% interval ...",
        "figures": {
            "baseline_period": "2019-04",
            "latest_period": "2025-04",
            "baseline": {"gap": 239.3, "group_size": 36},
            "latest": {"gap": 271.9, "group_size": 36},
            "judged": {"measure": "ratio", "baseline": 1.412, "latest": 1.398, "change": -0.014},
            "test": {"test": "resampling", "interval_95": [-0.031, 0.004], "draws": 1000},
        },
    }
    told = explain(result, subject=Subject(places=1, period_type="month"))
    text = " ".join(told["judged"])
    assert "April 2019" in told["headline"] and "1.41 to 1.40" in text
    assert "between -0.031 and +0.004 in 95% of draws, so it cannot be told apart" in text


def test_a_quantified_change_within_its_intervals_is_no_clear_change_whatever_the_pace():
    result = quantified(0.5, "no_clear_change")
    result["figures"]["ratio_status"] = "acceleration_needed"
    told = explain(result, subject=HLE)
    assert told["headline"] == "The change since the baseline is within the uncertainty in the estimates."
    assert any("intervals" in s and "overlap" in s for s in told["judged"])


def test_counts_of_one_area_read_in_the_singular():
    result = {
        "rule": "every_area",
        "status": "worsening",
        "reason": "",
        "figures": {
            "baseline_period": "2019-04",
            "latest_period": "2022-04",
            "areas": 362,
            "counts": {"clearly_better": 1, "no_clear_change": 282, "clearly_worse": 79},
        },
    }
    told = explain(result, subject=Subject(places=1, period_type="financial_year"))
    assert (
        "2019/20 and 2022/23, 1 is clearly better, 282 show no clear change and 79 are clearly worse"
        in (told["headline"])
    )
