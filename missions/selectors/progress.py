"""The assessed state of every mission: one structure for pages, API and reports, so they never disagree."""

from datetime import date

from django.db.models import Max

from missions.ingestion.periods import label_periods_in, period_label
from missions.judged import Subject, explain
from missions.models import Assessment, Mission
from missions.progress.summary import format_probability, summarise
from missions.statuses import status_label, status_tone


def get_latest_as_of() -> date | None:
    """Return the most recent date with assessments (the public pages show that state)."""
    return Assessment.objects.aggregate(latest=Max("as_of"))["latest"]


def get_shown_version(*, as_of: date | None) -> int | None:
    """Return the method version whose statuses are shown at as_of: the newest with assessments then."""
    return Assessment.objects.filter(as_of=as_of).aggregate(v=Max("methodology__version"))["v"]


def list_assessments(*, as_of: date | None = None, version: int | None = None):
    """Return the assessments at as_of (default: the latest assessed date) by one method version (default: the
    newest used then), in mission order."""
    as_of = as_of or get_latest_as_of()
    version = version or get_shown_version(as_of=as_of)
    return (
        Assessment.objects.filter(as_of=as_of, methodology__version=version)
        .select_related("target__metric__mission", "methodology")
        .prefetch_related("target__metric__series")
        .order_by("target__metric__mission__number", "target__metric__slug", "target__key", "breakdown")
    )


def assessment_entry(a: Assessment) -> dict:
    """Return one assessed target as plain data: status, reason, headline figures and the full result."""
    target, metric = a.target, a.target.metric
    explained = explain(a.result, subject=subject_of(a), probability=a.probability)
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
        "title": target.public_title(a.breakdown),
        "period_type": metric.period_type,
        "status": a.status,
        "status_label": status_label(a.status),
        "status_tone": status_tone(a.status),
        "reason": label_periods_in(a.reason, period_type=metric.period_type),
        "explanation": explained["headline"],
        "judged": explained["judged"],
        "probability": a.probability,
        "probability_text": format_probability(a.probability),
        "method_version": a.methodology.version,
        "interpreted": a.result["interpreted"],
        "summary": labelled_summary(summarise(a.result), period_type=metric.period_type),
        "result": a.result,
        "release_ids": a.release_ids,
        "target": a.target_snapshot,
        "as_of": a.as_of.isoformat(),
        "sources": sorted({s.source_slug for s in metric.series.all()}),
        "publisher": metric.publisher,
    }


def subject_of(a: Assessment) -> Subject:
    """Return how an assessment's numbers and periods are printed: its metric's places, unit and period type."""
    metric = a.target.metric
    return Subject(
        places=metric.decimal_places,
        unit=metric.unit,
        period_type=metric.period_type,
        target_year=(a.target_snapshot or {}).get("target_year"),
    )


def labelled_summary(summary: dict, *, period_type: str) -> dict:
    """Return the headline figures with a reader's label beside each canonical period key."""
    return summary | {
        k: summary[k] | {"period_label": period_label(summary[k]["period"], period_type=period_type)}
        for k in ("baseline", "latest")
        if summary.get(k)
    }


def mission_entry(mission: Mission, entries: list[dict]) -> dict:
    return {
        "number": mission.number,
        "slug": mission.slug,
        "short_name": mission.short_name,
        "statement": mission.statement,
        "statement_source": mission.statement_source,
        "status": mission.status,
        "retired_on": mission.retired_on.isoformat() if mission.retired_on else None,
        "retired_reason": mission.retired_reason,
        "pillar": mission.pillar.name,
        "framework": mission.framework.name,
        "targets": entries,
    }


def list_mission_entries(assessments) -> list[dict]:
    """Return every mission with its assessed targets, in framework and mission order."""
    by_mission: dict[int, list] = {}
    for a in assessments:
        by_mission.setdefault(a.target.metric.mission_id, []).append(assessment_entry(a))
    missions = Mission.objects.select_related("framework", "pillar").order_by("framework__published", "number")
    return [mission_entry(m, by_mission.get(m.id, [])) for m in missions]
