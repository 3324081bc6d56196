"""Charts are checked by content (titles, series, labels, interval artists, source, table), never by pixels."""

import pytest

from missions.figures.areas import gap_chart, ranking_chart
from missions.figures.grid import status_grid
from missions.figures.series import series_chart
from missions.figures.wording import value_label
from tests.reports.fixtures import gap_entry, quantified_entry


def test_the_series_chart_legend_names_only_the_lines_drawn_and_the_subtitle_explains_the_shading():
    chart = series_chart(quantified_entry())
    assert chart.series_labels == ("Published value", "Trend extrapolation (middle)", "Path to target")
    assert chart.axis_labels == ("Year", "Years")
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
    assert "Uncertainty" not in chart.svg.decode() and "confidence interval" not in chart.alt
    assert 'id="confidence-interval"' not in chart.svg.decode()


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
    assert chart.series_labels == ("Gap",)
    assert chart.table["gap"].tolist() == [8.0, 9.0]


def test_the_status_grid_counts_every_status_in_its_alt_text():
    snapshot = {"missions": [{"number": 7, "short_name": "Health", "targets": [quantified_entry(), gap_entry()]}]}
    chart = status_grid(snapshot)
    assert chart.title.startswith("Of 2 assessed targets, ") and chart.alt.startswith(chart.title)
    assert "1 worsening" in chart.title and "1 on track" in chart.title
    assert chart.axis_labels == ("Targets of each mission", "Mission")


FINDING = {
    "headline": "Healthy life expectancy for men rose from 60.0 years (2017) to 61.9 years (2021).",
    "sentences": [
        "Healthy life expectancy for men rose from 60.0 years (2017) to 61.9 years (2021).",
        "Rising by five years by 2030 would need about 0.4 years a year; it has risen by about 0.5 years a year.",
    ],
}


def test_a_chart_is_titled_by_its_finding_and_its_alt_text_opens_with_it():
    entry = quantified_entry() | {"finding": FINDING}
    chart = series_chart(entry)
    assert chart.title == "Healthy life expectancy for men rose from 60.0 years (2017) to 61.9 years (2021)"
    assert chart.alt.startswith(chart.title + ". Line chart")
    svg = chart.svg.decode()
    assert "Healthy life expectancy for men rose from 60.0 years" in svg
    assert "Target: Raise healthy life expectancy for men by five years by 2035" in svg


def test_a_chart_without_a_finding_is_titled_by_its_target():
    assert series_chart(quantified_entry()).title == "Raise healthy life expectancy for men by five years by 2035"


def test_the_series_chart_draws_its_confidence_band_and_projection_fan_as_interval_artists():
    svg = series_chart(quantified_entry()).svg.decode()
    for gid in ("confidence-interval", "projection-interval-10-90", "projection-interval-30-70"):
        assert f'id="{gid}"' in svg
    assert "Uncertainty: 95% confidence interval (blue band)" in svg


def test_intervals_published_for_some_periods_only_are_drawn_as_error_bars():
    entry = quantified_entry()
    for point in entry["result"]["inputs"]["points"][:2]:
        point["lci"] = point["uci"] = None
    chart = series_chart(entry)
    assert 'id="confidence-interval"' in chart.svg.decode()
    assert "95% confidence intervals where published (blue bars)" in chart.svg.decode()
    assert "95% confidence intervals where published" in chart.alt


@pytest.mark.parametrize(
    ("unit", "measure", "label"),
    [
        ("years", "", "Years"),
        ("percent of adults", "", "Percent of adults"),
        ("years", "Gap", "Gap (years)"),
        ("", "", "Value"),
        ("GBP per hour (current prices, smoothed)", "", "GBP per hour (current prices,\nsmoothed)"),
    ],
)
def test_value_axes_name_their_unit(unit, measure, label):
    assert value_label(unit, measure) == label


def test_every_chart_has_its_source_under_it():
    entry = quantified_entry() | {"publisher": "ONS", "sources": ["healthy-life-expectancy"], "method_version": 2}
    chart = series_chart(entry)
    assert chart.source == "Source: ONS (healthy-life-expectancy); assessment by the monitor, method version 2."
    assert "Source: ONS (healthy-life-expectancy)" in chart.svg.decode()
    gap = gap_chart(gap_entry() | {"publisher": "ONS", "sources": ["hle"]})
    assert gap.source.startswith("Source: ONS (hle)") and "Source: ONS (hle)" in gap.svg.decode()
    grid = status_grid({"missions": [{"number": 7, "short_name": "Health", "targets": [entry]}]})
    assert grid.source == (
        "Source: the monitor's assessments of the published series listed under Sources, method version 2."
    )


def _resampled(entry: dict) -> dict:
    figures = entry["result"]["figures"]
    figures |= {
        "baseline": {"gap": 8.0},
        "latest_period": "2022-01/P3Y",
        "judged": {"measure": "gap"},
        "test": {"test": "resampling", "interval_95": [0.2, 1.6]},
    }
    return entry


def test_the_gap_chart_draws_the_latest_gaps_interval_where_the_change_was_resampled():
    chart = gap_chart(_resampled(gap_entry()))
    assert chart.table[["lci", "uci"]].values.tolist()[1] == [8.2, 9.6]
    assert chart.table["lci"].isna().tolist() == [True, False]
    assert 'id="change-interval"' in chart.svg.decode() and "95% interval of the latest gap" in chart.alt
    assert chart.axis_labels == ("3-year period", "Gap (years)")


def test_a_gap_judged_relative_to_its_level_draws_no_interval_for_the_absolute_gap():
    entry = _resampled(gap_entry())
    entry["result"]["figures"]["judged"] = {"measure": "ratio"}
    chart = gap_chart(entry)
    assert chart.table["lci"].isna().all() and 'id="change-interval"' not in chart.svg.decode()


def test_the_gap_and_ranking_charts_take_their_titles_from_the_matching_sentences():
    sentences = [
        "The gap in healthy life expectancy between the highest and lowest 10% of 10 areas widened from 8.0 years "
        "(2017 to 2019) to 9.0 years (2022 to 2024), by 1.0 year, or 13%.",
        "In 2022 to 2024 the highest 10% (1 areas, mean 59.0 years) were Top town; the lowest 10% (mean 50.0 years) "
        "were Bottom town.",
    ]
    entry = gap_entry() | {"finding": {"headline": sentences[0], "sentences": sentences}}
    entry["result"]["figures"]["latest_period"] = "2022-01/P3Y"
    assert gap_chart(entry).title == sentences[0].rstrip(".")
    ranking = ranking_chart(entry, {})
    assert ranking.title == sentences[1].rstrip(".") and ranking.alt.startswith(sentences[1])
    assert ranking.axis_labels == ("Areas ranked from highest (1) to lowest", "Years")


def test_the_area_charts_word_the_groups_share_from_the_result():
    entry = gap_entry()
    entry["result"]["inputs"]["share"] = 0.2
    ranking, gap = ranking_chart(entry, {}), gap_chart(entry)
    assert set(ranking.series_labels) == {"top 20%", "bottom 20%", "other areas"}
    assert set(ranking.table["group"]) == {"top 20%", "bottom 20%", ""}
    assert "top and bottom 20%" in ranking.alt and "top and bottom 20%" in gap.alt
    assert "10%" not in ranking.alt + gap.alt + gap.svg.decode()
