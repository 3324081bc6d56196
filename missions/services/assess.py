"""Assess every target at an as-of date by the stored method version, keeping every input."""

from dataclasses import fields
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from missions.caching import bump_data_version
from missions.models import Assessment, Methodology, Release, StatusChange, Target
from missions.progress import METHOD_V1, METHOD_V2, METHODS, Method, Result
from missions.selectors.catalogue import get_indicator_ids, index_indicators, list_assessable_targets
from missions.selectors.series import MetricData, get_data_as_of, get_metric_data
from missions.services.evaluate import evaluate_target, needed_area_prefixes, series_areas

PUBLISHED = {
    1: (date(2026, 11, 23), "Compound-growth ratio, interval or trend tests, top-10%/bottom-10% gaps."),
    2: (
        date(2026, 12, 1),
        "Version 1 with judgements tested against sampling noise: relative gaps for money, resampled gap intervals, "
        "clear changes only, logit projections for percentages, overlap-corrected trends, target years as periods "
        "ending in them, aggregates over groups of areas.",
    ),
}
UPDATED_FIELDS = ["status", "reason", "result", "release_ids", "probability", "target_snapshot", "computed_at"]


def get_methodology(*, method: Method = METHOD_V2) -> Methodology:
    """Return the stored version of method; a stored version whose parameters differ is an error, never edited."""
    published_on, summary = PUBLISHED[method.version]
    stored, created = Methodology.objects.get_or_create(
        version=method.version,
        defaults={"parameters": method.as_dict(), "published_on": published_on, "summary": summary},
    )
    if created:
        stored.refresh_from_db()  # read parameters back as stored JSON, exactly as every later reader sees them
    if method_from(stored) != method:
        raise ImproperlyConfigured(f"stored method version {method.version} differs from the code's; add a version")
    return stored


def publish_methods() -> dict[int, Methodology]:
    """Store every method version the code defines (each stays published and reproducible), by version."""
    return {version: get_methodology(method=method) for version, method in METHODS.items()}


def method_from(methodology: Methodology) -> Method:
    params = {f.name: methodology.parameters[f.name] for f in fields(Method) if f.name in methodology.parameters}
    params["fan_quantiles"] = tuple(params.get("fan_quantiles", METHOD_V1.fan_quantiles))
    return Method(**params)


@transaction.atomic
def recompute_assessments(
    *, as_of: date | None = None, metric_slugs: list[str] | None = None, method: Method = METHOD_V2
) -> list[Assessment]:
    """Assess every active target (or those of metric_slugs) with the data as published on as_of, by method."""
    as_of = as_of or timezone.localdate()
    methodology = publish_methods()[method.version]
    method = method_from(methodology)
    cache: dict[int, dict[str, MetricData]] = {}
    results = []
    index, data_as_of = index_indicators(), get_data_as_of(as_of)  # once, not per metric
    for target in list_assessable_targets(metric_slugs=metric_slugs):
        if target.metric_id not in cache:
            ids = get_indicator_ids(metric=target.metric, index=index)
            read = {"as_of": data_as_of, "area_prefixes": needed_area_prefixes(target.metric)}
            series_of = series_areas(target.metric)
            cache[target.metric_id] = {
                b: get_metric_data(indicator_ids=i, series_of=series_of, **read) for b, i in ids.items()
            }
        missing = missing_reason(target.metric) if not cache[target.metric_id] else ""
        refused = refused_reason(target.metric) if not cache[target.metric_id] else ""
        for breakdown, data in (cache[target.metric_id] or {"": None}).items():
            result = evaluate_target(target=target, data=data, method=method, missing=missing, refused=refused)
            results.append((target, breakdown, result, sorted(data.release_ids) if data else []))
    saved = save_assessments(results, as_of=as_of, methodology=methodology)
    transaction.on_commit(bump_data_version)
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
        elif release.status == Release.Status.PENDING:
            reasons.append(f"release {release.release_date} of {slug} awaits a second person's confirmation")
    return "; ".join(reasons)


def refused_reason(metric) -> str:
    """Say which refused release holds this metric's data: "data refused: <reason>, release <date>" ("" if none)."""
    refused = []
    for slug in sorted({s.source_slug for s in metric.series.all()}):
        release = Release.objects.filter(source__slug=slug).order_by("-release_date", "-id").first()
        if release is not None and release.status in (Release.Status.QUARANTINED, Release.Status.REJECTED):
            review = f"; rejected on review: {release.review_reason}" if release.review_reason else ""
            refused.append(
                f"data refused: {release.reason}{review}, release {release.release_date} "
                f"(validation report: /api/releases/{release.pk}/)"
            )
    return "; ".join(refused)


def save_assessment(
    target: Target, breakdown: str, as_of: date, methodology, result: Result, release_ids
) -> Assessment:
    """Store one result (see save_assessments)."""
    return save_assessments([(target, breakdown, result, release_ids)], as_of=as_of, methodology=methodology)[0]


def save_assessments(results: list[tuple], *, as_of: date, methodology: Methodology) -> list[Assessment]:
    """Store results for (target, breakdown) at as_of, logging each change of status against the one before."""
    targets = [t for t, *_ in results]
    assessed = Assessment.objects.filter(target__in=targets, methodology=methodology)
    same_day = {(a.target_id, a.breakdown): a for a in assessed.filter(as_of=as_of)}
    # Of earlier assessments only the status is needed: loading their results grew with every day assessed.
    earlier = {}
    for target_id, breakdown, status in (
        assessed.filter(as_of__lt=as_of)
        .order_by("as_of", "computed_at")
        .values_list("target_id", "breakdown", "status")
    ):
        earlier[(target_id, breakdown)] = status  # the last one wins: the latest before as_of
    history = dict(
        Target.history.filter(id__in=[t.id for t in targets]).values_list("id").annotate(latest=Max("history_id"))
    )
    now, saved, changes = timezone.now(), [], []
    for target, breakdown, result, release_ids in results:
        before = same_day.get((target.id, breakdown))
        row = before or Assessment(target=target, breakdown=breakdown, as_of=as_of, methodology=methodology)
        stored = _values(row) if row.pk else None
        row.status, row.reason, row.result, row.release_ids = (
            str(result.status),
            result.reason,
            result.as_dict(),
            release_ids,
        )
        row.probability = (result.figures.get("projection") or {}).get("probability_of_meeting_target")
        row.target_snapshot, row.computed_at = target_snapshot(target, history.get(target.id)), now
        row.unchanged = stored is not None and stored == _values(row)
        saved.append(row)
        old = before.status if before else earlier.get((target.id, breakdown), "")
        if old != row.status:
            changes.append(
                StatusChange(
                    target=target,
                    breakdown=breakdown,
                    methodology=methodology,
                    as_of=as_of,
                    old_status=old,
                    new_status=row.status,
                )
            )
    # Sorted before bulk_create gives the new rows their ids, or they would be written a second time as changed.
    new = [a for a in saved if a.pk is None]
    changed = [a for a in saved if a.pk is not None and not a.unchanged]
    Assessment.objects.bulk_create(new)
    # Rewriting unchanged rows is most of a recompute's database time: those only get their computed_at.
    Assessment.objects.bulk_update(changed, UPDATED_FIELDS)
    Assessment.objects.filter(pk__in=[a.pk for a in saved if a.unchanged]).update(computed_at=now)
    StatusChange.objects.bulk_create(changes)
    return saved


def _values(row: Assessment) -> tuple:
    return tuple(getattr(row, name) for name in UPDATED_FIELDS if name != "computed_at")


def target_snapshot(target: Target, history_id: int | None) -> dict:
    """Return the target's values as assessed, so later edits never change what an assessment used."""
    keys = ("key", "type", "value_kind", "target_year", "baseline_period", "area_code", "group", "official")
    snapshot = {k: getattr(target, k) for k in keys}
    snapshot["value"] = None if target.value is None else str(target.value)
    snapshot["history_id"] = history_id
    return snapshot
