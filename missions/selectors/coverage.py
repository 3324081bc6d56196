"""Coverage: for every metric, where its data comes from, whether it is connected, and when more is due."""

from datetime import date

from django.db.models import Count, Max, Min

from missions.cadence import next_expected
from missions.ingestion.periods import period_label
from missions.models import Metric, Observation, Release, Target
from missions.selectors.catalogue import get_indicator_ids, index_indicators
from missions.services.catalogue import read_catalogue

STATUS_LABELS = {
    "connected": "Connected",
    "data_refused": "Data refused",
    "awaiting_confirmation": "Awaiting confirmation",
    "not_connected": "Not yet connected",
}
STORED = (Release.Status.ACCEPTED, Release.Status.UNCHANGED)
REFUSED = (Release.Status.QUARANTINED, Release.Status.REJECTED)


def list_coverage(*, today: date) -> list[dict]:
    """Return one row per metric: source, last release, status and why, periods held, next expected release."""
    metrics = (
        Metric.objects.select_related("mission")
        .prefetch_related("series", "targets")
        .order_by("mission__number", "slug")
    )
    index, releases = index_indicators(), _releases_by_source()  # once, not per metric
    return [_row(metric, today, index=index, releases=releases) for metric in metrics]


def _releases_by_source() -> dict[str, list[Release]]:
    """Return every release by source slug, newest first."""
    found: dict[str, list[Release]] = {}
    for release in Release.objects.select_related("source").order_by("-release_date", "-id"):
        found.setdefault(release.source.slug, []).append(release)
    return found


def _row(metric: Metric, today: date, *, index: dict, releases: dict[str, list[Release]]) -> dict:
    slugs = sorted({s.source_slug for s in metric.series.all()})
    ids = [i for group in get_indicator_ids(metric=metric, index=index).values() for i in group]
    held = Observation.objects.filter(indicator_id__in=ids, superseded_by__isnull=True).aggregate(
        periods=Count("period", distinct=True), first=Min("period"), last=Max("period")
    )
    latest = sorted((r for slug in slugs for r in releases.get(slug, [])), key=lambda r: (r.release_date, r.id))[::-1]
    stored = next((r for r in latest if r.status in STORED), None)
    newest = latest[0] if latest else None
    expected = next_expected(last=stored.release_date if stored else None, frequency=metric.frequency)
    row = {
        "mission": metric.mission.number,
        "mission_name": metric.mission.short_name,
        "metric": metric.slug,
        "name": metric.name,
        "unit": metric.unit,
        "publisher": metric.publisher,
        "dataset": metric.dataset,
        "frequency": metric.frequency,
        "sources": slugs,
        "last_release": _release(stored),
        "periods_held": held["periods"],
        "first_period": held["first"] or "",
        "last_period": held["last"] or "",
        "first_period_label": _label(held["first"], metric),
        "last_period_label": _label(held["last"], metric),
        "next_expected": expected,
        "overdue": bool(expected and expected < today and held["periods"]),
        "units_note": _units_note(metric),
    }
    row |= _status(metric, slugs, held["periods"], newest)
    return row | {"status_label": STATUS_LABELS[row["status"]]}


def _label(key: str | None, metric: Metric) -> str:
    return period_label(key, period_type=metric.period_type or None) if key else ""


def _status(metric, slugs, periods, newest) -> dict:
    if periods:
        return {"status": "connected", "why": "", "refused_release": None}
    if newest is not None and newest.status in REFUSED:
        review = f"; rejected on review: {newest.review_reason}" if newest.review_reason else ""
        why = f"data refused: {newest.reason}{review}, release {newest.release_date}"
        return {"status": "data_refused", "why": why, "refused_release": _release(newest)}
    if newest is not None and newest.status == Release.Status.PENDING:
        why = f"release {newest.release_date} awaits a second person's confirmation"
        return {"status": "awaiting_confirmation", "why": why, "refused_release": None}
    gaps = [t.data_gap for t in metric.targets.all() if t.data_gap]
    why = gaps[0] if gaps else metric.notes or "no machine-readable series is connected yet"
    if slugs and not gaps:
        why = f"{', '.join(slugs)} not ingested yet"
    return {"status": "not_connected", "why": why, "refused_release": None}


def _units_note(metric: Metric) -> str:
    counts = [t for t in metric.targets.all() if t.type == Target.Type.COUNT]
    if counts and "per 100,000" in metric.unit:
        return (
            "The targets count people; the published series is a rate per 100,000 people. It is shown as published "
            "and not converted: a count would need population figures the monitor does not hold."
        )
    return ""


def _release(release: Release | None) -> dict | None:
    if release is None:
        return None
    return {"id": release.id, "source": release.source.slug, "release_date": release.release_date}


def list_unused_sources() -> list[dict]:
    """Return the catalogue's one-line decision for each bundled folder that feeds no metric."""
    return read_catalogue().get("unused_sources", [])
