"""Method versions side by side: every target's status and key figures under each, and why they differ."""

from datetime import date

from missions.models import Assessment
from missions.progress.compare import explain_difference, key_figures
from missions.selectors.progress import get_latest_as_of
from missions.statuses import status_label


def list_method_comparison(*, as_of: date | None = None, old: int = 1, new: int = 2) -> list[dict]:
    """Return one row per assessed target (and breakdown) at as_of with both versions' statuses and figures."""
    as_of = as_of or get_latest_as_of()
    rows: dict[tuple, dict] = {}
    assessments = (
        Assessment.objects.filter(as_of=as_of, methodology__version__in=(old, new))
        .select_related("target__metric__mission", "methodology")
        .order_by("target__metric__mission__number", "target__metric__slug", "target__key", "breakdown")
    )
    for a in assessments:
        row = rows.setdefault(
            (a.target_id, a.breakdown),
            {
                "mission": a.target.metric.mission.number,
                "metric": a.target.metric.slug,
                "target": a.target.key,
                "title": a.target.public_title(a.breakdown),
                "breakdown": a.breakdown,
                "results": {},
            },
        )
        row["results"][a.methodology.version] = a.result
    return [_compared(row, old, new) for row in rows.values()]


def _compared(row: dict, old: int, new: int) -> dict:
    results = row.pop("results")
    return compare_results(row, results.get(old), results.get(new))


def compare_results(row: dict, before: dict | None, after: dict | None) -> dict:
    """Return the row with each version's status label, key figures and the reason they differ."""
    return row | {
        "old": _side(before),
        "new": _side(after),
        "changed": (before or {}).get("status") != (after or {}).get("status"),
        "why": explain_difference(before, after),
    }


def _side(result: dict | None) -> dict | None:
    if not result:
        return None
    return {"status": result["status"], "label": status_label(result["status"]), "figures": key_figures(result)}
