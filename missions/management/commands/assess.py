import json
from datetime import date

from django.core.management.base import BaseCommand

from missions.progress import METHODS, STATUS_LABELS, Status, format_probability
from missions.progress.summary import summarise
from missions.services.assess import recompute_assessments

COLUMNS = "{mission:<24} {target:<56} {baseline:>22} {latest:>22} {goal:>10}  {status}"
UNEXPLAINED = ("insufficient_data", "no_data_source")


def _figure(item: dict | None, places: int) -> str:
    return "-" if not item else f"{item['value']:.{places}f} ({item['period']})"


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
            status += f": {a.reason}"
        breakdown = f" {a.breakdown}" if a.breakdown else ""
        return COLUMNS.format(
            mission=str(a.target.metric.mission)[:24],
            target=f"{a.target.metric.slug} [{a.target.key}{breakdown}]"[:56],
            baseline=_figure(summary["baseline"], places),
            latest=_figure(summary["latest"], places),
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
