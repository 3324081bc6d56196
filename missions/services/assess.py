"""Assess every target at an as-of date by the stored method version, keeping every input."""

from dataclasses import fields
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from missions.models import Assessment, Methodology, Release, StatusChange, Target
from missions.progress import METHOD_V1, Method, Result
from missions.selectors.catalogue import get_indicator_ids, list_assessable_targets
from missions.selectors.series import MetricData, get_metric_data
from missions.services.evaluate import evaluate_target

METHOD_V1_PUBLISHED = date(2026, 11, 23)


def get_methodology(*, method: Method = METHOD_V1) -> Methodology:
    """Return the stored version of method; a stored version whose parameters differ is an error, never edited."""
    stored, _ = Methodology.objects.get_or_create(
        version=method.version,
        defaults={
            "parameters": method.as_dict(),
            "published_on": METHOD_V1_PUBLISHED,
            "summary": "Compound-growth ratio, interval or trend tests, top-10%/bottom-10% gaps.",
        },
    )
    if method_from(stored) != method:
        raise ImproperlyConfigured(f"stored method version {method.version} differs from the code's; add a version")
    return stored


def method_from(methodology: Methodology) -> Method:
    params = {f.name: methodology.parameters[f.name] for f in fields(Method) if f.name in methodology.parameters}
    params["fan_quantiles"] = tuple(params.get("fan_quantiles", METHOD_V1.fan_quantiles))
    return Method(**params)


@transaction.atomic
def recompute_assessments(*, as_of: date | None = None, metric_slugs: list[str] | None = None) -> list[Assessment]:
    """Assess every active target (or those of metric_slugs) with the data as published on as_of."""
    as_of = as_of or timezone.localdate()
    methodology = get_methodology()
    method = method_from(methodology)
    cache: dict[int, dict[str, MetricData]] = {}
    saved = []
    for target in list_assessable_targets(metric_slugs=metric_slugs):
        if target.metric_id not in cache:
            ids = get_indicator_ids(metric=target.metric)
            cache[target.metric_id] = {b: get_metric_data(indicator_ids=i, as_of=as_of) for b, i in ids.items()}
        for breakdown, data in (cache[target.metric_id] or {"": None}).items():
            result = evaluate_target(target=target, data=data, method=method, missing=missing_reason(target.metric))
            release_ids = sorted(data.release_ids) if data else []
            saved.append(save_assessment(target, breakdown, as_of, methodology, result, release_ids))
    return saved


def missing_reason(metric) -> str:
    """Say why a metric with catalogued series has no data: its sources are unregistered or quarantined."""
    slugs = sorted({s.source_slug for s in metric.series.all()})
    if not slugs:
        return ""
    reasons = []
    for slug in slugs:
        release = Release.objects.filter(source__slug=slug).order_by("-release_date", "-id").first()
        if release is None:
            reasons.append(f"{slug} has not been ingested")
        elif release.status == Release.Status.QUARANTINED:
            reasons.append(f"the latest release of {slug} is quarantined ({release.reason})")
    return "; ".join(reasons)


def save_assessment(
    target: Target, breakdown: str, as_of: date, methodology, result: Result, release_ids
) -> Assessment:
    """Store a result for (target, breakdown, as_of, method), logging a change of status against the one before."""
    previous = (
        Assessment.objects.filter(target=target, breakdown=breakdown, methodology=methodology, as_of__lte=as_of)
        .order_by("-as_of", "-computed_at")
        .first()
    )
    assessment, _ = Assessment.objects.update_or_create(
        target=target,
        breakdown=breakdown,
        as_of=as_of,
        methodology=methodology,
        defaults={
            "status": str(result.status),
            "reason": result.reason,
            "result": result.as_dict(),
            "probability": (result.figures.get("projection") or {}).get("probability_of_meeting_target"),
            "release_ids": release_ids,
            "target_snapshot": target_snapshot(target),
            "computed_at": timezone.now(),
        },
    )
    old = previous.status if previous else ""
    if old != assessment.status:
        StatusChange.objects.create(
            target=target,
            breakdown=breakdown,
            methodology=methodology,
            as_of=as_of,
            old_status=old,
            new_status=assessment.status,
        )
    return assessment


def target_snapshot(target: Target) -> dict:
    """Return the target's values as assessed, so later edits never change what an assessment used."""
    keys = ("key", "type", "value_kind", "target_year", "baseline_period", "area_code", "group", "official")
    snapshot = {k: getattr(target, k) for k in keys}
    snapshot["value"] = None if target.value is None else str(target.value)
    latest = target.history.order_by("-history_date").first()
    snapshot["history_id"] = latest.history_id if latest else None
    return snapshot
