"""Held-back rows of accepted releases that no later release has supplied: shown as held back, never as values."""

from missions.models import HeldBackRow, Indicator, Observation, Release

STORED = [Release.Status.ACCEPTED, Release.Status.UNCHANGED]


def list_held_back(*, indicator_ids: list[int]) -> list[dict]:
    """Return the held-back rows of these indicators still without a current value, latest release first per key."""
    indicators = {(i.source_id, i.name): i for i in Indicator.objects.filter(id__in=indicator_ids)}
    if not indicators:
        return []
    held = (
        HeldBackRow.objects.filter(
            release__status__in=STORED,
            release__source_id__in={s for s, _ in indicators},
            indicator__in={n for _, n in indicators},
        )
        .select_related("release")
        .order_by("-release__release_date", "-release_id", "line")
    )
    current = set(
        Observation.objects.filter(indicator_id__in=indicator_ids, superseded_by__isnull=True).values_list(
            "indicator_id", "area_code", "period"
        )
    )
    rows, seen = [], set()
    for row in held:
        indicator = indicators.get((row.release.source_id, row.indicator))
        key = (indicator.id, row.area_code, row.period) if indicator else None
        if key is None or key in current or key in seen:
            continue
        seen.add(key)
        rows.append({"indicator": indicator.name, "row": row, "release": (row.release_id, row.release.release_date)})
    return rows
