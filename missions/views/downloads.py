"""Downloads: a CSV per metric (all areas, all periods) and a zip of everything, each with metadata."""

import csv
import io
import json
import zipfile

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from missions.caching import public_cache
from missions.models import Metric, Observation
from missions.selectors.catalogue import get_indicator_ids
from missions.spreadsheet_cells import neutralise_cell, neutralise_row, single_line

COLUMNS = [
    "indicator",
    "breakdown",
    "area_code",
    "period",
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


def metric_rows(metric: Metric):
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
                o.period_start,
                o.value,
                o.lci,
                o.uci,
                o.status,
                o.note,
                o.release_id,
                o.release.release_date,
            ]


def metric_metadata(metric: Metric) -> dict:
    return {
        "metric": metric.slug,
        "name": metric.name,
        "unit": metric.unit,
        "polarity": metric.polarity,
        "publisher": metric.publisher,
        "dataset": metric.dataset,
        "definition": metric.definition,
        "status_markers": {"x": "not available", "u": "low reliability", "c": "confidential", "z": "not applicable"},
        "values": "current values as last published (earlier vintages through the API's as_of filter)",
        "licence": LICENCE,
        "generated_at": timezone.now().isoformat(),
    }


def metric_csv_text(metric: Metric) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # Metadata lines start "# key," and stay on one line, so readers that skip comment lines skip all of them.
    for key, value in metric_metadata(metric).items():
        text = json.dumps(value) if isinstance(value, dict) else str(value)
        writer.writerow([f"# {key}", neutralise_cell(single_line(text))])
    writer.writerow(COLUMNS)
    writer.writerows(neutralise_row(row) for row in metric_rows(metric))
    return buffer.getvalue()


@public_cache
def metric_csv(request, slug):
    metric = get_object_or_404(Metric, slug=slug)
    response = HttpResponse(metric_csv_text(metric), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{metric.slug}.csv"'
    return response


@public_cache
def download_all(request):
    buffer = io.BytesIO()
    metrics = Metric.objects.order_by("slug")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for metric in metrics:
            archive.writestr(f"{metric.slug}.csv", metric_csv_text(metric))
        archive.writestr("metadata.json", json.dumps([metric_metadata(m) for m in metrics], indent=2, default=str))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="levelling-up-monitor-data.zip"'
    return response
