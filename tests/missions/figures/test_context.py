"""Every chart reaches a page or report with its title, alt text, source line and data table."""

from missions.figures.context import build_charts, entry_charts, figure_context, page_charts
from tests.reports.fixtures import gap_entry, quantified_entry

FINDING = {"sentences": ["Healthy life expectancy for men rose from 60.0 years (2017) to 61.9 years (2021)."]}


def _snapshot() -> dict:
    entries = [quantified_entry() | {"finding": FINDING, "publisher": "ONS", "sources": ["hle"]}, gap_entry()]
    return {"missions": [{"number": 7, "short_name": "Health", "targets": entries}], "area_names": {}}


def test_no_chart_of_a_report_is_without_its_data_table_source_and_finding():
    charts = build_charts(_snapshot())
    assert {c.name for items in charts.values() for c in items} == {
        "status-grid",
        "hle-change-male-series",
        "hle-gap-ranking",
        "hle-gap-gap",
    }
    for items in charts.values():
        for chart in items:
            for for_pdf in (False, True):
                shown = figure_context(chart, for_pdf=for_pdf)
                assert shown["columns"] and shown["rows"] and shown["source"].startswith("Source: ")
                assert shown["alt"].startswith(shown["title"]) and shown["title"]
    series = charts["hle-change-male"][0]
    assert series.title == FINDING["sentences"][0].rstrip(".")
    assert figure_context(series, for_pdf=False)["columns"][:3] == ["Period", "Value", "Lower 95% bound"]


def test_the_status_grids_data_table_names_mission_target_and_status():
    grid = figure_context(build_charts(_snapshot())["summary"][0], for_pdf=False)
    assert grid["columns"] == ["Mission", "Target", "Status"]
    assert grid["rows"][0] == [7, "Raise healthy life expectancy for men by five years by 2035", "On track"]


def test_a_page_shows_the_series_of_a_supporting_metric_too():
    entry = quantified_entry() | {"role": "supporting"}
    assert [c["name"] for c in page_charts(entry, {})] == ["hle-change-male-series"]


def test_a_page_draws_only_the_svg_and_a_report_draws_each_format_once(monkeypatch):
    from matplotlib.figure import Figure

    drawn, real = [], Figure.draw

    def draw(self, renderer):
        drawn.append(type(renderer).__name__)
        return real(self, renderer)

    monkeypatch.setattr(Figure, "draw", draw)
    page = entry_charts(quantified_entry(), {}, headline_only=False)[0]
    figure_context(page, for_pdf=False)
    figure_context(page, for_pdf=False)
    assert drawn == ["MixedModeRenderer"] and "png" not in page.__dict__  # the SVG renderer
    drawn.clear()
    build_charts({"missions": [{"number": 7, "short_name": "Health", "targets": [quantified_entry()]}]})
    assert sorted(drawn) == ["MixedModeRenderer"] * 2 + ["RendererAgg"] * 2  # grid and series, no dry runs
