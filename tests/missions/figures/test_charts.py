"""Charts are checked by content (series, labels, table), never by pixels."""

from missions.figures.areas import gap_chart, ranking_chart
from missions.figures.grid import status_grid
from missions.figures.series import series_chart
from tests.reports.fixtures import gap_entry, quantified_entry


def test_the_series_chart_legend_names_only_the_lines_drawn_and_the_subtitle_explains_the_shading():
    chart = series_chart(quantified_entry())
    assert chart.series_labels == ("Published value", "Trend extrapolation (middle)", "Path to target")
    assert chart.axis_labels == ("Year", "years")
    assert chart.table["value"].tolist() == [60.0, 60.5, 61.0, 61.2, 61.9]
    assert chart.svg.startswith(b"<?xml") and chart.png.startswith(b"\x89PNG")
    assert "Raise healthy life expectancy for men" in chart.alt and "on track" in chart.summary
    svg = chart.svg.decode()
    assert "95% confidence interval" in svg and "trend extrapolation, not a forecast" in svg


def test_the_series_chart_labels_its_ticks_by_period_and_marks_the_latest_value_and_the_target():
    entry = quantified_entry()
    chart = series_chart(entry)
    svg = chart.svg.decode()
    assert "Latest: 61.9 (2021)" in svg and "Target: 65.0 by 2030" in svg
    assert "midpoint" not in svg and "2017.5" not in svg
    assert chart.table["period_label"].tolist() == ["2017", "2018", "2019", "2020", "2021"]


def test_a_series_without_intervals_or_projection_has_no_shading_note_and_a_shorter_legend():
    entry = quantified_entry()
    entry["result"]["figures"]["projection"] = {"available": False}
    for point in entry["result"]["inputs"]["points"]:
        point["lci"] = point["uci"] = None
    chart = series_chart(entry)
    assert chart.series_labels == ("Published value", "Path to target")
    assert "Shaded" not in chart.svg.decode() and "confidence interval" not in chart.alt


def test_three_year_periods_are_labelled_as_a_reader_writes_them():
    entry = quantified_entry()
    for n, point in enumerate(entry["result"]["inputs"]["points"]):
        point["period"] = f"{2011 + n}-01/P3Y"
    chart = series_chart(entry)
    assert chart.axis_labels[0] == "3-year period"
    assert chart.table["period_label"].iloc[0] == "2011 to 2013"
    assert "2011 to 2013" in chart.svg.decode() and "/P3Y" not in chart.svg.decode()


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
    assert chart.summary == "The gap moved from 8.0 (2017 to 2019) to 9.0 (2022 to 2024)"
    assert chart.series_labels == ()
    assert chart.table["gap"].tolist() == [8.0, 9.0]


def test_the_status_grid_counts_every_status_in_its_alt_text():
    snapshot = {"missions": [{"number": 7, "short_name": "Health", "targets": [quantified_entry(), gap_entry()]}]}
    chart = status_grid(snapshot)
    assert "2 assessed targets" in chart.alt and "1 worsening" in chart.alt and "1 on track" in chart.alt
    assert chart.axis_labels == ("Targets of each mission", "Mission")
