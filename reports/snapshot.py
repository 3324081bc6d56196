"""Freeze everything a report shows: assessments with inputs, releases used, target values, method version."""

import json
from datetime import date

from missions.methodology import methodology_text
from missions.models import Release
from missions.selectors.coverage import list_coverage
from missions.selectors.findings import attach_findings, get_area_names, headline_of, list_named_areas
from missions.selectors.progress import list_assessments, list_mission_entries

ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."


def build_snapshot(*, as_of: date) -> dict:
    """Return the report's frozen content from the assessments stored at as_of (a pure read: assess first)."""
    assessments = list(list_assessments(as_of=as_of).filter(target__status="active"))
    methodology = assessments[0].methodology if assessments else None
    missions = list_mission_entries(assessments)
    names = get_area_names(list_named_areas([e for m in missions for e in m["targets"]]))
    for mission in missions:
        mission["targets"] = attach_findings(mission["targets"], names=names)
        mission["headline"] = headline_of(mission["targets"])
    release_ids = sorted({r for a in assessments for r in a.release_ids})
    releases = Release.objects.filter(id__in=release_ids).select_related("source").order_by("source__slug", "id")
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
        "area_names": names,
        # The coverage annex: the same table as /coverage/, as it stood on as_of (dates as ISO text).
        "coverage": json.loads(json.dumps(list_coverage(today=as_of), default=str)),
        "attribution": ATTRIBUTION,
    }
