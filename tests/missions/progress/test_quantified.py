import pytest

from missions.ingestion.periods import period_from_key
from missions.progress import Point, Status, assess_quantified, growth_ratio, target_level


def series(*pairs, status=None):
    return [Point(f"p{t}", t, v, status=(status or {}).get(t, "")) for t, v in pairs]


def run(points, *, target=121.0, kind="absolute", target_time=2023.5, polarity="higher", baseline="p2019.5"):
    return assess_quantified(
        points=points,
        baseline_period=baseline,
        target_value=target,
        value_kind=kind,
        target_time=target_time,
        polarity=polarity,
    )


@pytest.mark.parametrize(
    ("latest", "status", "ratio"),
    [
        (110.0, Status.ON_TRACK, 1.0),  # 1.1^(1/2) - 1 equals 1.21^(1/4) - 1
        (106.0, Status.ACCELERATION_NEEDED, 0.6057),  # (1.06^0.5 - 1) / (1.21^0.25 - 1)
        (102.0, Status.LIMITED_PROGRESS, 0.2039),
        (95.0, Status.DETERIORATING, -0.5188),
        (125.0, Status.ACHIEVED, None),
    ],
)
def test_the_compound_growth_ratio_sets_the_status(latest, status, ratio):
    result = run(series((2019.5, 100.0), (2021.5, latest)))
    assert result.status == status
    if ratio is not None:
        assert result.figures["ratio"] == pytest.approx(ratio, abs=1e-4)


def test_lower_is_better_halving_on_its_path_is_on_track():
    result = run(
        series((2020.5, 10.0), (2025.5, 10 * 0.5**0.5)),
        target=0.5,
        kind="multiple_of_baseline",
        target_time=2030.5,
        polarity="lower",
        baseline="p2020.5",
    )
    assert result.figures["target_level"] == 5.0
    assert result.figures["ratio"] == pytest.approx(1.0)
    assert result.status == Status.ON_TRACK


@pytest.mark.parametrize(("latest", "status"), [(89.0, Status.DETERIORATING), (90.5, Status.ACHIEVED)])
def test_a_baseline_already_at_the_target(latest, status):
    assert run(series((2019.5, 90.0), (2021.5, latest)), target=90.0).status == status


def test_zero_and_negative_values_use_linear_rates_instead_of_failing():
    ratio, basis = growth_ratio(baseline=-5.0, latest=0.0, target=5.0, elapsed=2.0, allowed=10.0)
    assert ratio == pytest.approx(2.5) and basis.startswith("linear")
    result = run(series((2020.5, -5.0), (2022.5, 0.0)), target=5.0, target_time=2030.5, baseline="p2020.5")
    assert result.status == Status.ON_TRACK and result.figures["ratio_basis"].startswith("linear")


def test_a_suppressed_baseline_is_insufficient_data_with_the_reason():
    result = run(series((2019.5, 100.0), (2021.5, 110.0), status={2019.5: "x"}))
    assert result.status == Status.INSUFFICIENT_DATA
    assert "suppressed" in result.reason


def test_a_suppressed_latest_value_falls_back_to_the_last_published_one():
    result = run(series((2019.5, 100.0), (2020.5, 105.0), (2021.5, 999.0), status={2021.5: "c"}))
    assert result.figures["latest"]["value"] == 105.0


def test_no_value_after_the_baseline_is_insufficient_data():
    assert run(series((2019.5, 100.0))).status == Status.INSUFFICIENT_DATA


def test_a_missing_catalogue_baseline_falls_back_to_the_earliest_period_and_says_so():
    result = run(series((2020.5, 100.0), (2022.5, 110.0)), baseline="p2017.5")
    assert result.figures["baseline"]["value"] == 100.0
    assert "earliest available" in result.figures["baseline_choice"]


@pytest.mark.parametrize(
    ("kind", "value", "level"),
    [("absolute", 90, 90), ("multiple_of_baseline", 1.4, 140), ("increase_over_baseline", 5, 105)],
)
def test_target_levels_from_the_baseline(kind, value, level):
    assert target_level(baseline=100, value=value, value_kind=kind) == pytest.approx(level)


def test_three_year_rolling_periods_are_timed_at_their_midpoints():
    base, latest = period_from_key("2017-01/P3Y"), period_from_key("2020-01/P3Y")
    points = [Point("2017-01/P3Y", base.midpoint, 60.0), Point("2020-01/P3Y", latest.midpoint, 61.0)]
    result = assess_quantified(
        points=points,
        baseline_period="2017-01/P3Y",
        target_value=5.0,
        value_kind="increase_over_baseline",
        target_time=2035.5,
        polarity="higher",
    )
    assert (base.midpoint, latest.midpoint) == (2018.5, 2021.5)
    assert result.figures["ratio"] == pytest.approx(((61 / 60) ** (1 / 3) - 1) / ((65 / 60) ** (1 / 17) - 1))
