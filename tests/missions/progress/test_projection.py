import pytest

from missions.progress import METHOD_V1, Point
from missions.progress.projection import project, trajectory


def points(values, start=2020.5):
    return [Point(str(i), start + i, float(v)) for i, v in enumerate(values)]


def test_a_perfect_line_projects_exactly_and_is_certain():
    pts = points([100, 102, 104, 106], start=2019.5)
    result = project(points=pts, baseline=pts[0], target_time=2030.5, target_value=121, better=1, method=METHOD_V1)
    assert result["projected_value"] == pytest.approx(122)
    assert result["probability_of_meeting_target"] == 1.0
    missed = project(points=pts, baseline=pts[0], target_time=2030.5, target_value=123, better=1, method=METHOD_V1)
    assert missed["probability_of_meeting_target"] == 0.0


def test_the_prediction_interval_matches_a_hand_computation():
    # t = 0..3, y = 0,1,1,2: slope 0.6, intercept 0.1, SSE 0.2, s = sqrt(0.1), Sxx = 5; at t = 5: 3.1 +- s*sqrt(3.7)
    pts = points([0, 1, 1, 2])
    result = project(points=pts, baseline=pts[0], target_time=2025.5, target_value=3.1, better=1, method=METHOD_V1)
    assert result["slope_per_year"] == pytest.approx(0.6)
    assert result["projected_value"] == pytest.approx(3.1)
    assert result["prediction_se"] == pytest.approx(0.1**0.5 * 3.7**0.5, abs=1e-6)
    assert result["probability_of_meeting_target"] == pytest.approx(0.5)
    last = result["fan"][-1]
    assert last["q10"] < last["q30"] < last["q50"] < last["q70"] < last["q90"]
    assert last["q50"] == pytest.approx(3.1)


def test_fewer_than_three_points_after_the_baseline_gives_no_projection():
    pts = points([1, 2, 3])
    result = project(points=pts, baseline=pts[0], target_time=2030.5, target_value=5, better=1, method=METHOD_V1)
    assert result == {"available": False, "reason": "2 point(s) after the baseline; a projection needs 3"}


def test_the_trajectory_is_the_straight_line_from_baseline_to_target():
    pts = points([100, 104])
    rows = trajectory(baseline=pts[0], target_value=110, target_time=2030.5, points=pts)
    assert rows[1] == {"period": "1", "outturn": 104.0, "expected": 101.0, "difference": 3.0}
