"""Freeze everything a report shows: assessments with inputs, releases used, target values, method version."""

from datetime import date

from missions.methodology import methodology_text
from missions.models import Area, Mission, Release
from missions.progress.summary import summarise
from missions.services.assess import recompute_assessments

ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."


def build_snapshot(*, as_of: date) -> dict:
    """Return the report's frozen content for data as published on as_of; the same data gives the same snapshot."""
    assessments = recompute_assessments(as_of=as_of)
    methodology = assessments[0].methodology if assessments else None
    by_mission: dict[int, list] = {}
    release_ids: set[int] = set()
    for a in assessments:
        by_mission.setdefault(a.target.metric.mission_id, []).append(_entry(a))
        release_ids.update(a.release_ids)
    missions = [
        _mission(m, by_mission.get(m.id, []))
        for m in Mission.objects.select_related("framework", "pillar").order_by("framework__published", "number")
    ]
    releases = Release.objects.filter(id__in=release_ids).select_related("source").order_by("source__slug", "id")
    codes = sorted({c for m in missions for e in m["targets"] for c in e["result"]["figures"].get("latest_values", {})})
    return {
        "as_of": as_of.isoformat(),
        "methodology": {
            "version": methodology.version,
            "parameters": methodology.parameters,
            "text": methodology_text(version=methodology.version, parameters=methodology.parameters),
        }
        if methodology
        else None,
        "missions": missions,
        "releases": [
            {
                "id": r.id,
                "source": r.source.slug,
                "publisher": r.source.publisher,
                "publisher_url": r.source.publisher_url,
                "release_date": r.release_date.isoformat(),
                "sha256": r.sha256,
            }
            for r in releases
        ],
        "area_names": dict(Area.objects.filter(code__in=codes).order_by("code").values_list("code", "name")),
        "attribution": ATTRIBUTION,
    }


def _mission(mission, entries) -> dict:
    return {
        "number": mission.number,
        "slug": mission.slug,
        "short_name": mission.short_name,
        "statement": mission.statement,
        "statement_source": mission.statement_source,
        "status": mission.status,
        "pillar": mission.pillar.name,
        "framework": mission.framework.name,
        "targets": entries,
    }


def _entry(a) -> dict:
    target, metric = a.target, a.target.metric
    label = target.get_type_display() + ("" if target.value is None else f" {target.value.normalize():f}")
    suffix = f" ({a.breakdown})" if a.breakdown else ""
    return {
        "key": f"{metric.slug}-{target.key}" + (f"-{a.breakdown.lower()}" if a.breakdown else ""),
        "metric": metric.slug,
        "metric_name": metric.name + suffix,
        "role": metric.role,
        "unit": metric.unit,
        "decimal_places": metric.decimal_places,
        "polarity": metric.polarity,
        "breakdown": a.breakdown,
        "target_key": target.key,
        "target_type": target.type,
        "target_label": label,
        "title": f"{metric.name}{suffix}: {label.lower()}",
        "status": a.status,
        "status_label": a.result["status_label"],
        "reason": a.reason,
        "probability": a.probability,
        "interpreted": a.result["interpreted"],
        "summary": summarise(a.result),
        "result": a.result,
        "release_ids": a.release_ids,
        "target": a.target_snapshot,
        "sources": sorted({s.source_slug for s in metric.series.all()}),
        "publisher": metric.publisher,
    }
