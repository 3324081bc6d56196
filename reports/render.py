"""Render a report's artefacts from its snapshot: HTML (primary), PDF, one CSV per table and an Excel workbook."""

import hashlib
import io
import json
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.template.loader import render_to_string

from missions.figures.context import build_charts, figure_context
from missions.figures.drawing import Chart
from missions.figures.tables import all_tables
from missions.spreadsheet_cells import neutralise_frame
from reports.changes import for_mission
from reports.commentary import render_markdown


@dataclass(frozen=True)
class File:
    name: str
    content_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


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
    figures = {key: [figure_context(c, for_pdf=for_pdf) for c in items] for key, items in charts.items()}
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


def lay_out_pdf(html: str):
    """Return WeasyPrint's laid-out document (pages counted, not yet written), links resolved against the public site:
    a PDF is read away from it."""
    from weasyprint import HTML  # imported on first use: most processes never render a PDF

    return HTML(string=html, base_url=settings.PUBLIC_SITE_URL).render()


def render_pdf(html: str) -> bytes:
    return lay_out_pdf(html).write_pdf()


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


CHARTS_KEPT = 2  # snapshots whose drawn charts a process keeps (about 25 figures each)
_drawn: OrderedDict[str, dict[str, list[Chart]]] = OrderedDict()


def charts_for(snapshot: dict) -> dict[str, list[Chart]]:
    """Return the snapshot's charts, drawn once per process: they are a pure function of the frozen snapshot, so
    re-rendering a report for a commentary edit, an approval or a schedule reuses them instead of drawing them all
    again (half of a render's time)."""
    key = hashlib.sha256(json.dumps(snapshot, sort_keys=True, default=str).encode()).hexdigest()
    if key not in _drawn:
        _drawn[key] = build_charts(snapshot)
        while len(_drawn) > CHARTS_KEPT:
            _drawn.popitem(last=False)
    _drawn.move_to_end(key)
    return _drawn[key]


def render_report_pdf(report, snapshot: dict) -> File:
    return File(
        "report.pdf", "application/pdf", render_pdf(render_html(report, snapshot, charts_for(snapshot), for_pdf=True))
    )


def render_artefacts(report, snapshot: dict, *, pdf: bool) -> list[File]:
    """Return every file of the report, each a pure function of the snapshot; the PDF (most of the time) only if
    asked for."""
    charts = charts_for(snapshot)
    html = render_html(report, snapshot, charts)
    chart_files = [
        File(f"charts/{c.name}.{ext}", ctype, data)
        for items in charts.values()
        for c in items
        for ext, ctype, data in (("svg", "image/svg+xml", c.svg), ("png", "image/png", c.png))
    ]
    return [
        File("report.html", "text/html; charset=utf-8", html.encode()),
        *([render_report_pdf(report, snapshot)] if pdf else []),
        *render_tables(snapshot),
        *chart_files,
    ]
