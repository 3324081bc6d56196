import json
from datetime import date

from django.core.management.base import BaseCommand

from missions.ingestion.periods import label_periods_in, period_label
from missions.progress import METHODS, STATUS_LABELS, Status, format_probability
from missions.progress.summary import summarise
from missions.services.assess import recompute_assessments

COLUMNS = "{mission:<24} {target:<56} {measure:<22} {baseline:>24} {latest:>24} {goal:>10}  {status}"
# What the baseline and latest columns hold: a level of the metric, or a figure about the areas compared.
MEASURES = {
    "value": "level",
    "% of areas improved": "% of areas improved",
    "mean distance from the benchmark": "distance from benchmark",
}
UNEXPLAINED = ("insufficient_data", "no_data_source", "data_refused")


def _measure(text: str) -> str:
    return MEASURES.get(text) or text.replace("gap between top and bottom", "gap, top-bottom")


def _figure(item: dict | None, places: int, period_type: str) -> str:
    return "-" if not item else f"{item['value']:.{places}f} ({period_label(item['period'], period_type=period_type)})"


class Command(BaseCommand):
    help = "Assess every target with the data as published on --as-of (default today); twin of assess_metrics_task."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=date.fromisoformat, default=None)
        parser.add_argument("--metric", action="append", dest="metrics", help="only this metric (repeatable)")
        parser.add_argument("--json", action="store_true", help="write every assessment with inputs and figures")
        parser.add_argument(
            "--method", type=int, choices=sorted(METHODS), default=max(METHODS), help="method version (default newest)"
        )

    def handle(self, *args, as_of, metrics, json: bool, method: int, **options):
        assessments = recompute_assessments(as_of=as_of, metric_slugs=metrics, method=METHODS[method])
        if json:
            self.stdout.write(self._json(assessments))
            return
        self.stdout.write(
            COLUMNS.format(
                mission="mission",
                target="metric [target]",
                measure="baseline/latest are a",
                baseline="baseline",
                latest="latest",
                goal="target",
                status="status (probability of meeting it)",
            )
        )
        for assessment in assessments:
            self.stdout.write(self._row(assessment))

    def _row(self, a) -> str:
        places, summary = a.target.metric.decimal_places, summarise(a.result)
        status = STATUS_LABELS[Status(a.status)]
        if a.probability is not None:
            status += f" ({format_probability(a.probability)})"
        if a.status in UNEXPLAINED:
            status += f": {label_periods_in(a.reason, period_type=a.target.metric.period_type)}"
        breakdown = f" {a.breakdown}" if a.breakdown else ""
        return COLUMNS.format(
            mission=str(a.target.metric.mission)[:24],
            target=f"{a.target.metric.slug} [{a.target.key}{breakdown}]"[:56],
            measure=_measure(summary["measure"]),
            baseline=_figure(summary["baseline"], places, a.target.metric.period_type),
            latest=_figure(summary["latest"], places, a.target.metric.period_type),
            goal="-" if summary["target"] is None else f"{summary['target']:.{places}f}",
            status=status,
        )

    def _json(self, assessments) -> str:
        rows = [
            {
                "mission": a.target.metric.mission.number,
                "metric": a.target.metric.slug,
                "target": a.target.key,
                "breakdown": a.breakdown,
                "as_of": a.as_of.isoformat(),
                "method_version": a.methodology.version,
                "status": a.status,
                "reason": a.reason,
                "probability": a.probability,
                "release_ids": a.release_ids,
                "target_snapshot": a.target_snapshot,
                "result": a.result,
            }
            for a in assessments
        ]
        return json.dumps(rows, indent=2, default=str)
