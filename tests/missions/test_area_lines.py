"""The area page's small chart: content (series, axes, data table, words), never pixels. Pure, no database."""

import pytest

from missions.figures.area_lines import area_lines_chart, describe_lines, lines_table

LINES = [
    ("Leeds", [("2017-01/P3Y", 61.0), ("2018-01/P3Y", 60.5), ("2022-01/P3Y", 59.8)]),
    ("Yorkshire and The Humber", [("2017-01/P3Y", 60.2), ("2022-01/P3Y", 59.1)]),
    ("England", [("2018-01/P3Y", 63.1), ("2022-01/P3Y", 61.5)]),
    ("United Kingdom", [("2022-01/P3Y", 61.0)]),
]
ARGS = {
    "title": "Healthy life expectancy at birth (Male)",
    "unit": "years",
    "places": 1,
    "period_type": "calendar_year",
}


def test_the_chart_draws_the_area_beside_each_comparator_with_axes_and_table():
    chart = area_lines_chart(name="E08000035-hle", lines=LINES, **ARGS)
    assert chart.series_labels == ("Leeds", "Yorkshire and The Humber", "England", "United Kingdom")
    assert chart.axis_labels == ("3-year period", "years")
    assert list(chart.table.columns) == ["period", "period_label", *[name for name, _ in LINES]]
    assert chart.table["period_label"].tolist() == ["2017 to 2019", "2018 to 2020", "2022 to 2024"]
    assert chart.table["England"].isna().tolist() == [True, False, False]
    assert chart.svg.startswith(b"<?xml") and b"Leeds" in chart.svg


def test_the_words_name_every_line_the_periods_and_the_areas_latest_value():
    alt, summary = describe_lines(lines=LINES, **ARGS)
    assert alt == (
        "Line chart of healthy life expectancy at birth (Male) in years for Leeds, Yorkshire and The Humber, England "
        "and United Kingdom, 3 periods, the first 2017 to 2019 and the latest 2022 to 2024; "
        "latest for Leeds 59.8 years (2022 to 2024)."
    )
    assert summary.startswith("Healthy life expectancy at birth (Male): Leeds, Yorkshire")
    alt, _ = describe_lines(lines=[("Leeds", [("2021", 1.0), ("2023", 2.0)])], **(ARGS | {"unit": "%"}))
    assert "Leeds, 2 periods from 2021 to 2023; latest for Leeds 2.0% (2023)." in alt


@pytest.mark.parametrize(
    ("lines", "names"),
    [(LINES[:1], ["Leeds"]), (LINES[:2], ["Leeds", "Yorkshire and The Humber"]), ([], [])],
)
def test_a_chart_has_only_the_lines_it_is_given(lines, names):
    chart = area_lines_chart(name="x", lines=lines, **ARGS)
    assert list(chart.series_labels) == names and list(lines_table(lines, period_type=None).columns)[2:] == names
