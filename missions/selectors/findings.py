"""Findings for assessed entries, with the area names they quote read in one query."""

from missions.entries import AssessmentEntry
from missions.findings import Finding, mission_headline, write_finding
from missions.models import Area

RULE_ORDER = {"quantified": 0, "gap": 1, "direction": 2, "monitor": 3, "every_area": 4}


def list_named_areas(entries: list[AssessmentEntry]) -> set[str]:
    """Return the area codes the findings of these entries may name: ranked areas, areas not improved, benchmarks."""
    codes = set()
    for entry in entries:
        result = entry["result"]
        figures = result.get("figures", {})
        codes |= set(figures.get("latest_values", {}))
        codes |= {row["area"] for row in figures.get("not_improved", [])}
        codes |= {result.get("inputs", {}).get("benchmark")} - {None}
    return codes


def get_area_names(codes: set[str]) -> dict[str, str]:
    return dict(Area.objects.filter(code__in=codes).order_by("code").values_list("code", "name"))


def attach_findings(entries: list[AssessmentEntry], *, names: dict[str, str] | None = None) -> list[dict]:
    """Return the entries, each with its finding in words (see missions.findings)."""
    names = get_area_names(list_named_areas(entries)) if names is None else names
    return [e | {"finding": write_finding(e, names=names).as_dict()} for e in entries]


def headline_of(entries: list[AssessmentEntry]) -> str:
    """Return the mission's one-line finding from entries that carry findings, headline metrics first."""
    ordered = sorted(entries, key=lambda e: (e.get("role") != "headline", RULE_ORDER.get(e["result"].get("rule"), 9)))
    findings = [Finding(e["key"], e["status"], tuple(e["finding"]["sentences"])) for e in ordered]
    return mission_headline(findings)
