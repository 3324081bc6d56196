"""Render a report's artefacts from its snapshot: HTML (primary), PDF, one CSV per table and an Excel workbook."""

import base64
import hashlib
import html
import io
from dataclasses import dataclass, replace

import pandas as pd
from django.template.loader import render_to_string

from missions.spreadsheet_cells import neutralise_frame
from reports.changes import for_mission
from reports.charts import Chart, gap_chart, ranking_chart, series_chart, status_grid
from reports.commentary import render_markdown
from reports.tables import all_tables

NO_CHART = {"no_data_source", "insufficient_data", "data_refused"}
PAGE_TABLE_ROWS, PDF_TABLE_ROWS = 60, 15
# The data table beside a chart, as a reader sees it: periods by their labels (the CSV keeps the canonical keys).
SHOWN_COLUMNS = {
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


@dataclass(frozen=True)
class File:
    name: str
    content_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def entry_charts(entry: dict, names: dict[str, str], *, headline_only: bool = True) -> list[Chart]:
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
    charts: dict[str, list[Chart]] = {"summary": [status_grid(snapshot)]}
    names = snapshot.get("area_names", {})
    for mission in snapshot["missions"]:
        for entry in mission["targets"]:
            if found := entry_charts(entry, names):
                charts[entry["key"]] = [_state_finding(c, entry) for c in found]
    return charts


def _state_finding(chart: Chart, entry: dict) -> Chart:
    """Return the chart with alt text that opens with the finding it illustrates."""
    headline = (entry.get("finding") or {}).get("headline", "")
    return replace(chart, alt=f"{headline} {chart.alt}".strip())


def page_charts(entry: dict, names: dict[str, str]) -> list[dict]:
    """Return an entry's charts ready for a public page (inline SVG, alt text, summary, data table)."""
    return [_figure_context(c, for_pdf=False) for c in entry_charts(entry, names, headline_only=False)]


def _figure_context(chart: Chart, *, for_pdf: bool) -> dict:
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
        "image": image,
        "summary": chart.summary,
        "alt": chart.alt,
        "columns": [SHOWN_COLUMNS[c] for c in shown],
        "rows": table.astype(object).where(table.notna(), "").values.tolist(),
        "truncated": len(chart.table) > len(table),
        "total_rows": len(chart.table),
    }


def sections(report, snapshot: dict, figures: dict[str, list[dict]]) -> list[dict]:
    """Return one section per mission: its sanitised commentary, changes since the last report, entries, charts."""
    texts = (report.commentary or {}).get("missions", {})
    changes = snapshot.get("changes") or {}
    return [
        {
            "mission": mission,
            "commentary": render_markdown(texts.get(mission["slug"], "")),
            "changes": for_mission(changes, mission["number"]) if changes.get("previous") else None,
            "entries": [e | {"figures": figures.get(e["key"], [])} for e in mission["targets"]],
        }
        for mission in snapshot["missions"]
    ]


def render_html(report, snapshot: dict, charts: dict[str, list[Chart]], *, for_pdf: bool = False) -> str:
    figures = {key: [_figure_context(c, for_pdf=for_pdf) for c in items] for key, items in charts.items()}
    commentary = report.commentary or {}
    context = {
        "report": report,
        "snapshot": snapshot,
        "figures": figures,
        "for_pdf": for_pdf,
        "sections": sections(report, snapshot, figures),
        "key_messages": [render_markdown(m) for m in commentary.get("key_messages", [])],
        "illustrative": commentary.get("illustrative", False),
        "changes": snapshot.get("changes") or {},
    }
    return render_to_string("reports/report_document.html", context)


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=".").write_pdf()


def render_tables(snapshot: dict) -> list[File]:
    tables = {name: neutralise_frame(table) for name, table in all_tables(snapshot).items()}
    files = [File(f"data/{name}.csv", "text/csv", table.to_csv(index=False).encode()) for name, table in tables.items()]
    workbook = io.BytesIO()
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        for name, table in tables.items():
            table.to_excel(writer, sheet_name=_sheet_name(name), index=False)
        _text_as_text(writer.book)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return [*files, File("data.xlsx", xlsx, workbook.getvalue())]


def _text_as_text(book) -> None:
    # openpyxl stores any string starting with "=" as a formula; a string cell is shown, never run.
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"


def _sheet_name(name: str) -> str:
    digest = hashlib.sha1(name.encode()).hexdigest()[:4]
    return name if len(name) <= 31 else f"{name[:26]}-{digest}"


def render_artefacts(report, snapshot: dict) -> list[File]:
    """Return every file of the report, each a pure function of the snapshot."""
    charts = build_charts(snapshot)
    html = render_html(report, snapshot, charts)
    pdf = render_pdf(render_html(report, snapshot, charts, for_pdf=True))
    chart_files = [
        File(f"charts/{c.name}.{ext}", ctype, data)
        for items in charts.values()
        for c in items
        for ext, ctype, data in (("svg", "image/svg+xml", c.svg), ("png", "image/png", c.png))
    ]
    return [
        File("report.html", "text/html; charset=utf-8", html.encode()),
        File("report.pdf", "application/pdf", pdf),
        *render_tables(snapshot),
        *chart_files,
    ]
