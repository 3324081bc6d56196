import pytest

from missions.progress import Point, Status, assess_direction


def test_non_overlapping_intervals_in_the_good_direction_are_improving():
    points = [Point("a", 2019.5, 10, 9, 11), Point("b", 2021.5, 13, 12, 14)]
    assert assess_direction(points=points, baseline_period="a", polarity="higher").status == Status.IMPROVING
    assert assess_direction(points=points, baseline_period="a", polarity="lower").status == Status.WORSENING


def test_overlapping_intervals_are_no_clear_change():
    points = [Point("a", 2019.5, 10, 9, 11.5), Point("b", 2021.5, 12, 10.8, 13.2)]
    result = assess_direction(points=points, baseline_period="a", polarity="higher")
    assert result.status == Status.NO_CLEAR_CHANGE and "overlap" in result.reason


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ([10, 11, 12, 13, 14], Status.IMPROVING),
        ([14, 13, 12, 11, 10], Status.WORSENING),
        ([10, 12, 9, 11, 10], Status.NO_CLEAR_CHANGE),
    ],
)
def test_without_intervals_a_trend_over_five_points_must_be_significant(values, status):
    points = [Point(str(i), 2015.5 + i, v) for i, v in enumerate(values)]
    assert assess_direction(points=points, baseline_period="0", polarity="higher").status == status


def test_four_points_without_intervals_are_insufficient_data():
    points = [Point(str(i), 2015.5 + i, 10 + i) for i in range(4)]
    result = assess_direction(points=points, baseline_period="0", polarity="higher")
    assert result.status == Status.INSUFFICIENT_DATA and "needs 5" in result.reason
