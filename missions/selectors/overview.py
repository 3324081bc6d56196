"""Reads for the home and mission pages: every mission's status counts and one-line finding, a mission's entries
with findings and charts. The pages that show them beside the latest report are composed in reports.public_pages."""

from collections import Counter

from django.db.models import Prefetch

from missions.figures.context import page_charts
from missions.models import Area, Mission, Pillar
from missions.selectors.findings import attach_findings, get_area_names, headline_of, list_named_areas
from missions.selectors.progress import assessment_entry, list_assessments, list_mission_entries, mission_entry
from missions.statuses import status_key, status_label


def attach_charts(entries: list[dict]) -> list[dict]:
    """Return the entries, each with its charts ready for a page (area names read in one query)."""
    codes = {c for e in entries for c in e["result"].get("figures", {}).get("latest_values", {})}
    names = dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
    return [e | {"charts": page_charts(e, names)} for e in entries]


def _in_key_order(item: tuple[str, int]) -> int:
    """Order a mission's status counts as the key lists them, best first."""
    order = [s["label"] for s in status_key()]
    return order.index(item[0]) if item[0] in order else len(order)


def list_pillars_overview() -> list[dict]:
    """Return every pillar with its missions in order: status counts and the mission's one-line finding."""
    missions = {m["number"]: m for m in list_mission_entries(list_assessments())}
    names = get_area_names(list_named_areas([t for m in missions.values() for t in m["targets"]]))
    headlines = {
        n: headline_of(attach_findings(m["targets"], names=names)) for n, m in missions.items() if m["targets"]
    }
    pillars = []
    in_order = Prefetch("missions", queryset=Mission.objects.order_by("number"))
    for pillar in Pillar.objects.prefetch_related(in_order).order_by("framework__published", "number"):
        rows = []
        for mission in pillar.missions.all():
            entry = missions.get(mission.number, {"targets": []})
            labels = Counter(status_label(t["status"]) for t in entry["targets"])
            rows.append(
                {
                    "number": mission.number,
                    "slug": mission.slug,
                    "short_name": mission.short_name,
                    "status": mission.status,
                    "counts": sorted(labels.items(), key=_in_key_order),
                    "headline": headlines.get(mission.number, ""),
                }
            )
        pillars.append({"name": pillar.name, "missions": rows})
    return pillars


def get_mission_page(mission: Mission) -> dict:
    """Return the mission's entry with every target's finding, and charts for its headline targets."""
    entry = mission_entry(
        mission, [assessment_entry(a) for a in list_assessments().filter(target__metric__mission=mission)]
    )
    targets = attach_findings(entry["targets"])
    others = [t | {"charts": []} for t in targets if t["role"] != "headline"]
    return entry | {"targets": attach_charts([t for t in targets if t["role"] == "headline"]) + others}
