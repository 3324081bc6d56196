"""Charts are checked by content (series, labels, table), never by pixels."""

from reports.charts import gap_chart, ranking_chart, series_chart, status_grid
from tests.reports.fixtures import gap_entry, quantified_entry


def test_the_series_chart_shows_band_baseline_target_trajectory_and_fan():
    chart = series_chart(quantified_entry())
    assert set(chart.series_labels) >= {
        "95% interval",
        "Published value",
        "Trajectory to target",
        "Baseline",
        "Target",
        "Projection 10-90%",
        "Projection 30-70%",
        "Projection (median)",
    }
    assert chart.axis_labels == ("Year (period midpoint)", "years")
    assert chart.table["value"].tolist() == [60.0, 60.5, 61.0, 61.2, 61.9]
    assert chart.svg.startswith(b"<?xml") and chart.png.startswith(b"\x89PNG")
    assert "Healthy life expectancy (Male)" in chart.alt and "limited progress" in chart.summary


def test_the_ranking_chart_marks_the_top_and_bottom_ten_percent():
    chart = ranking_chart(gap_entry(), {"E06000009": "Top town"})
    assert set(chart.series_labels) == {"top 10%", "bottom 10%", "other areas"}
    assert chart.table.iloc[0][["rank", "area_code", "area_name", "group"]].tolist() == [
        1,
        "E06000009",
        "Top town",
        "top 10%",
    ]
    assert chart.table.iloc[-1]["group"] == "bottom 10%" and len(chart.table) == 10


def test_the_gap_chart_summarises_the_change():
    chart = gap_chart(gap_entry())
    assert chart.summary == "The gap moved from 8.00 (2017-01/P3Y) to 9.00 (2022-01/P3Y)"
    assert chart.table["gap"].tolist() == [8.0, 9.0]


def test_the_status_grid_counts_every_status_in_its_alt_text():
    snapshot = {"missions": [{"number": 7, "short_name": "Health", "targets": [quantified_entry(), gap_entry()]}]}
    chart = status_grid(snapshot)
    assert "2 assessed targets" in chart.alt and "1 worsening" in chart.alt and "1 limited progress" in chart.alt
    assert chart.axis_labels == ("Targets of each mission", "Mission")
