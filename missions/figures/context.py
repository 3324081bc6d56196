"""Which charts an entry has, and each chart shaped for a template: image, alt text, summary and data table."""

import base64
import html

from missions.entries import AssessmentEntry
from missions.figures.areas import gap_chart, ranking_chart
from missions.figures.drawing import Chart
from missions.figures.grid import status_grid
from missions.figures.series import series_chart

NO_CHART = {"no_data_source", "insufficient_data", "data_refused"}
PAGE_TABLE_ROWS, PDF_TABLE_ROWS = 60, 15
# The data table beside a chart, as a reader sees it: periods by their labels (the CSV keeps the canonical keys).
SHOWN_COLUMNS = {
    "mission": "Mission",
    "target": "Target",
    "status_label": "Status",
    "rank": "Rank",
    "area_code": "Area code",
    "area_name": "Area",
    "period_label": "Period",
    "value": "Value",
    "lci": "Lower 95% bound",
    "uci": "Upper 95% bound",
    "status": "Status marker",
    "trajectory": "Path to target",
    "gap": "Gap",
    "ratio": "Ratio of top to bottom",
    "p90_p10_ratio": "P90/P10 ratio",
    "cv": "Coefficient of variation",
    "areas": "Areas",
    "group": "Group",
}


def entry_charts(entry: AssessmentEntry, names: dict[str, str], *, headline_only: bool = True) -> list[Chart]:
    """Return an entry's charts: ranking and gap for gap targets, the series for (headline) metrics."""
    result = entry["result"]
    if entry["status"] in NO_CHART:
        return []
    if result.get("rule") == "gap" and result["figures"].get("latest_values"):
        return [ranking_chart(entry, names), gap_chart(entry)]
    if (entry["role"] == "headline" or not headline_only) and result.get("inputs", {}).get("points"):
        return [series_chart(entry)]
    return []


def build_charts(snapshot: dict) -> dict[str, list[Chart]]:
    """Return the charts of each entry key (plus "summary"): series for headline metrics, ranking and gap for gaps."""
    charts: dict[str, list[Chart]] = {"summary": [status_grid(snapshot).drawn()]}
    names = snapshot.get("area_names", {})
    for mission in snapshot["missions"]:
        for entry in mission["targets"]:
            if found := entry_charts(entry, names):
                charts[entry["key"]] = [c.drawn() for c in found]
    return charts


def page_charts(entry: AssessmentEntry, names: dict[str, str]) -> list[dict]:
    """Return an entry's charts ready for a public page (SVG image, title, alt text, summary, source, data table)."""
    return [figure_context(c, for_pdf=False) for c in entry_charts(entry, names, headline_only=False)]


def figure_context(chart: Chart, *, for_pdf: bool) -> dict:
    """Return a chart as a template shows it: the image (PNG for the PDF, SVG otherwise) and its data table."""
    # An image, not inline SVG: the styles inside it then fall outside the page's Content Security Policy.
    data = (chart.png, "image/png") if for_pdf else (chart.svg, "image/svg+xml")
    source = f"data:{data[1]};base64,{base64.b64encode(data[0]).decode()}"
    image = f'<img class="app-chart__image" src="{source}" alt="{html.escape(chart.alt)}">'
    shown = [c for c in chart.table.columns if c in SHOWN_COLUMNS]
    # Display only: the CSV and workbook keep every row and column at full precision. The PDF shows fewer rows, as
    # laying out table cells is most of WeasyPrint's time.
    table = chart.table[shown].head(PDF_TABLE_ROWS if for_pdf else PAGE_TABLE_ROWS).round(chart.places)
    return {
        "name": chart.name,
        "title": chart.title,
        "source": chart.source,
        "image": image,
        "summary": chart.summary,
        "alt": chart.alt,
        "columns": [SHOWN_COLUMNS[c] for c in shown],
        "rows": table.astype(object).where(table.notna(), "").values.tolist(),
        "truncated": len(chart.table) > len(table),
        "total_rows": len(chart.table),
    }
