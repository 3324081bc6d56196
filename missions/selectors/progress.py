"""The assessed state of every mission: one structure for pages, API and reports, so they never disagree."""

from datetime import date

from django.db.models import Max

from missions import entries
from missions.entries import AssessmentEntry, EntryMetric, EntryTarget, build_entry
from missions.judged import Subject
from missions.models import Assessment, Metric, Mission


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


def assessment_entry(a: Assessment) -> AssessmentEntry:
    """Return one assessed target as plain data (see missions.entries.build_entry)."""
    target, metric = a.target, a.target.metric
    label = target.get_type_display() + ("" if target.value is None else f" {target.value.normalize():f}")
    return build_entry(
        metric=entry_metric(metric, sources=tuple(s.source_slug for s in metric.series.all())),
        target=EntryTarget(
            key=target.key,
            type=target.type,
            label=label,
            title=target.public_title(a.breakdown),
            snapshot=a.target_snapshot,
        ),
        result=a.result,
        as_of=a.as_of,
        breakdown=a.breakdown,
        probability=a.probability,
        release_ids=a.release_ids,
    )


def entry_metric(metric: Metric, *, sources: tuple[str, ...] = ()) -> EntryMetric:
    """Return what an entry repeats of a metric."""
    return EntryMetric(
        slug=metric.slug,
        name=metric.name,
        unit=metric.unit,
        decimal_places=metric.decimal_places,
        polarity=metric.polarity,
        period_type=metric.period_type,
        role=metric.role,
        publisher=metric.publisher,
        sources=sources,
    )


def subject_of(a: Assessment) -> Subject:
    """Return how an assessment's numbers and periods are printed."""
    return entries.subject_of(entry_metric(a.target.metric), a.target_snapshot)


def mission_entry(mission: Mission, targets: list[AssessmentEntry]) -> dict:
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
        "targets": targets,
    }


def list_mission_entries(assessments) -> list[dict]:
    """Return every mission with its assessed targets, in framework and mission order."""
    by_mission: dict[int, list] = {}
    for a in assessments:
        by_mission.setdefault(a.target.metric.mission_id, []).append(assessment_entry(a))
    missions = Mission.objects.select_related("framework", "pillar").order_by("framework__published", "number")
    return [mission_entry(m, by_mission.get(m.id, [])) for m in missions]
