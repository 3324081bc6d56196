"""Freeze everything a report shows: assessments with inputs, releases used, target values, method version."""

from datetime import date

from missions.methodology import methodology_text
from missions.models import Area, Release
from missions.selectors.progress import list_mission_entries
from missions.services.assess import recompute_assessments

ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."


def build_snapshot(*, as_of: date) -> dict:
    """Return the report's frozen content for data as published on as_of; the same data gives the same snapshot."""
    assessments = recompute_assessments(as_of=as_of)
    methodology = assessments[0].methodology if assessments else None
    missions = list_mission_entries(assessments)
    release_ids = sorted({r for a in assessments for r in a.release_ids})
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
