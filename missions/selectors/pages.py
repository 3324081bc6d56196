"""Reads for the public pages that are not assessments: areas compared, target change logs."""

from django.db.models import Q

from missions.ingestion.periods import period_label
from missions.models import Area, Indicator, Metric, Target
from missions.selectors.catalogue import get_indicator_ids


def list_target_changes(*, targets) -> list[dict]:
    """Return every recorded change of these targets, newest first: field, old value, new value, when, who, why."""
    targets = list(targets)
    history: dict[int, list] = {}
    records = Target.history.filter(id__in=[t.id for t in targets]).select_related("history_user")
    for record in records.order_by("history_date", "history_id"):
        history.setdefault(record.id, []).append(record)
    changes = []
    for target in targets:
        records = history.get(target.id, [])
        for older, newer in zip(records, records[1:], strict=False):
            for change in newer.diff_against(older).changes:
                changes.append(
                    {
                        "target": str(target),
                        "target_id": target.id,
                        "title": target.public_title(),
                        "field": change.field,
                        "field_label": Target._meta.get_field(change.field).verbose_name.capitalize(),
                        "old": change.old,
                        "new": change.new,
                        "old_label": _shown(change.field, change.old, target),
                        "new_label": _shown(change.field, change.new, target),
                        "date": newer.history_date,
                        "reason": newer.history_change_reason or "",
                        "user": getattr(newer.history_user, "username", ""),
                    }
                )
    return sorted(changes, key=lambda c: c["date"], reverse=True)


def _shown(field: str, value, target: Target) -> str:
    """Return a changed value as a page shows it: a baseline period by its label."""
    if field == "baseline_period" and value:
        return period_label(value, period_type=target.metric.period_type)
    return "" if value is None else str(value)


def search_areas(query: str, limit: int = 50):
    """Return areas whose name or code matches query."""
    query = query.strip()
    if not query:
        return Area.objects.none()
    return Area.objects.filter(Q(code__iexact=query) | Q(name__icontains=query)).order_by("name")[:limit]


def list_indicators_for(metric: Metric) -> list[Indicator]:
    ids = [i for group in get_indicator_ids(metric=metric).values() for i in group]
    return list(Indicator.objects.filter(id__in=ids).select_related("source"))


def list_targets_of(mission) -> list[Target]:
    return list(Target.objects.filter(metric__mission=mission).select_related("metric"))
