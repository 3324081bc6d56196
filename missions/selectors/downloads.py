"""What a metric's public CSV holds: current values of every area and period, after metadata lines."""

import csv
import io
import json

from missions.ingestion.periods import Period, period_label
from missions.ingestion.validation import STATUS_CODES
from missions.models import Metric, Observation
from missions.selectors.catalogue import get_indicator_ids
from missions.selectors.devolved import list_devolved_series
from missions.selectors.held_back import list_held_back
from missions.spreadsheet_cells import neutralise_cell, neutralise_row, single_line

COLUMNS = [
    "indicator",
    "breakdown",
    "area_code",
    "period",
    "period_label",
    "period_start",
    "value",
    "lci_95",
    "uci_95",
    "status",
    "note",
    "release_id",
    "release_date",
]
LICENCE = "Contains public sector information licensed under the Open Government Licence v3.0."
HELD_BACK = "held back"
STATUS_MARKERS = {
    **STATUS_CODES,
    HELD_BACK: "a published row refused by validation and held back on review; no value is given",
}


def list_metric_rows(metric: Metric):
    """Yield one row per current observation of the metric's series, then its rows held back on review."""
    for breakdown, ids in get_indicator_ids(metric=metric).items():
        current = (
            Observation.objects.filter(indicator_id__in=ids, superseded_by__isnull=True)
            .select_related("indicator", "release")
            .order_by("indicator_id", "area_code", "period_start")
        )
        for o in current.iterator(chunk_size=5000):
            yield [
                o.indicator.name,
                breakdown,
                o.area_code,
                o.period,
                Period(start=o.period_start, months=o.period_months).label,
                o.period_start,
                o.value,
                o.lci,
                o.uci,
                o.status,
                o.note,
                o.release_id,
                o.release.release_date,
            ]
        for held in list_held_back(indicator_ids=ids):
            row, note = held["row"], f"held back on review, not a value: {held['row'].reason}"
            blanks = ["", "", "", ""]  # period_start, value, lci_95, uci_95: a held-back row has no value
            label = period_label(row.period)
            yield [
                held["indicator"],
                breakdown,
                row.area_code,
                row.period,
                label,
                *blanks,
                HELD_BACK,
                note,
                *held["release"],
            ]


def get_metric_metadata(metric: Metric) -> dict:
    """Return what the file is (no build time: the same data must give the same bytes, hence the same ETag)."""
    return {
        "metric": metric.slug,
        "name": metric.name,
        "unit": metric.unit,
        "polarity": metric.polarity,
        "publisher": metric.publisher,
        "dataset": metric.dataset,
        "definition": metric.definition,
        # As the metric page and API say: which devolved nation's separate series are joined here, and which not.
        "devolved": [d["statement"] for d in list_devolved_series(metric_slug=metric.slug)],
        "status_markers": STATUS_MARKERS,
        "values": "current values as last published (earlier vintages through the API's as_of filter)",
        "licence": LICENCE,
    }


def get_metric_csv(metric: Metric) -> bytes:
    """Return the metric's CSV: one "# key,value" line per metadata item, the header, then the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # Metadata lines start "# key," and stay on one line, so readers that skip comment lines skip all of them.
    for key, value in get_metric_metadata(metric).items():
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
        writer.writerow([f"# {key}", neutralise_cell(single_line(text))])
    writer.writerow(COLUMNS)
    writer.writerows(neutralise_row(row) for row in list_metric_rows(metric))
    return buffer.getvalue().encode()
