"""Reads of vintaged observations: as published on a date, and the revisions of one value."""

from datetime import date

from django.db.models import Q

from missions.models import Observation


def list_observations_as_of(*, indicator_ids, as_of: date | None = None):
    """Return the observations current at the end of as_of (today's when None): "as published on date D"."""
    return filter_as_published(Observation.objects.filter(indicator_id__in=indicator_ids), as_of=as_of)


# Every vintage: current values or replaced ones. Always true, but written out so that PostgreSQL reads the two
# partial key indexes (one_current_value_per_key, replaced_value_per_key) instead of scanning the table.
CURRENT, REPLACED = Q(superseded_by__isnull=True), Q(superseded_by__isnull=False)


def filter_as_published(rows, *, as_of: date | None):
    """Return those of rows (observations) current at the end of as_of (today's when None)."""
    if as_of is None:
        return rows.filter(CURRENT)
    return rows.filter(release__release_date__lte=as_of).filter(
        CURRENT | (REPLACED & Q(superseded_by__release_date__gt=as_of))
    )


def list_revision_history(*, indicator_id: int, area_code: str, period: str):
    """Return every version of one value, oldest release first, with the release that replaced it."""
    return (
        Observation.objects.filter(CURRENT | REPLACED, indicator_id=indicator_id, area_code=area_code, period=period)
        .select_related("release", "superseded_by")
        .order_by("release__release_date", "release__observed_on", "release_id")
    )
