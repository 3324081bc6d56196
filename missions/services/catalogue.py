"""Load a missions catalogue file (missions/catalogue/*.yaml) into the database."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from missions.models import Framework, Metric, MetricSeries, Mission, Pillar, Source, Target
from missions.services.sync import SyncResult, sync_object

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "catalogue"
DEFAULT_CATALOGUE = CATALOGUE_DIR / "levelling-up-2022.yaml"
REASON = "Loaded from the catalogue"
TARGET_FIELDS = (
    "title",
    "type",
    "value_kind",
    "target_year",
    "baseline_period",
    "baseline_note",
    "area_code",
    "group",
    "benchmark_area",
    "aggregate",
    "gap_definition",
    "gap_measure",
    "gap_measure_reason",
    "official",
    "source",
    "test",
    "note",
    "data_gap",
)


def read_catalogue(path: Path = DEFAULT_CATALOGUE) -> dict:
    """Parse a catalogue file with libyaml's safe loader where PyYAML has it (a tenth of the pure-Python time)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # a safe loader: plain data only


@transaction.atomic
def load_catalogue(*, path: Path = DEFAULT_CATALOGUE) -> SyncResult:
    """Create the catalogue's missing objects; report, never overwrite, those that differ."""
    data = read_catalogue(path)
    result = SyncResult()
    fw = data["framework"]
    framework = sync_object(
        Framework,
        lookup={"slug": fw["slug"]},
        values={k: fw.get(k, "") for k in ("name", "source", "legal_basis", "description")}
        | {"published": date.fromisoformat(fw["published"])},
        result=result,
        reason=REASON,
    )
    pillars = {
        p["number"]: sync_object(
            Pillar,
            lookup={"framework": framework, "number": p["number"]},
            values={"name": p["name"], "note": p.get("note", "")},
            result=result,
            reason=REASON,
        )
        for p in data["pillars"]
    }
    missions = {m["number"]: _load_mission(m, framework, pillars, result) for m in data["missions"]}
    for m in data["metrics"]:
        _load_metric(m, missions, result)
    return result


def _load_mission(m: dict, framework, pillars, result) -> Mission:
    values = {
        k: m.get(k, "")
        for k in ("short_name", "statement", "statement_source", "research_notes", "statement_verified", "geography")
    }
    values |= {"slug": m["slug"], "target_year": m["target_year"], "pillar": pillars[m["pillar"]]}
    return sync_object(
        Mission,
        lookup={"framework": framework, "number": m["number"]},
        values=values,
        result=result,
        reason=REASON,
        fill_blank=("research_notes",),
    )


def _load_metric(m: dict, missions, result) -> None:
    keys = (
        "name",
        "role",
        "role_note",
        "unit",
        "polarity",
        "publisher",
        "dataset",
        "frequency",
        "period_type",
        "comparison_geography",
        "definition",
        "notes",
    )
    values = {k: m.get(k, "") for k in keys} | {
        "mission": missions[m["mission"]],
        "decimal_places": m.get("decimal_places", 1),
        "comparison_prefixes": m.get("comparison_prefixes", []),
    }
    metric = sync_object(
        Metric, lookup={"slug": m["slug"]}, values=values, result=result, reason=REASON, fill_blank=("period_type",)
    )
    for s in m.get("series", []):
        if s.get("connector") == Source.Connector.MANUAL:
            # Entered by hand (enter_data): registered as manual so no scheduler or `ingest --all` fetches it.
            Source.objects.get_or_create(slug=s["source"], defaults={"connector": s["connector"], "name": s["source"]})
        sync_object(
            MetricSeries,
            lookup={"metric": metric, "source_slug": s["source"], "indicator_name": s["indicator"]},
            values={"breakdown": s.get("breakdown", "")},
            result=result,
            reason=REASON,
        )
    if metric.series_read != (text := metric.describe_series()):  # kept on the metric for its history diff
        metric.series_read, metric._change_reason = text, REASON
        metric.save()
    for t in m.get("targets", []):
        values = {k: t.get(k, Target._meta.get_field(k).get_default()) for k in TARGET_FIELDS}
        values["value"] = None if t.get("value") is None else Decimal(str(t["value"]))
        lookup = {"metric": metric, "key": t["key"]}
        sync_object(Target, lookup=lookup, values=values, result=result, reason=REASON, fill_blank=("title",))
