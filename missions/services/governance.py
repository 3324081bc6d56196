"""Governed changes: who may change what, always with a reason, always recorded (django-simple-history)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from missions.models import Metric, Mission, Source, Target
from missions.services.catalogue import TARGET_FIELDS

EDITABLE_TARGET_FIELDS = (set(TARGET_FIELDS) | {"value"}) - {"type", "aggregate"}  # key and type define a target
EDITABLE_METRIC_FIELDS = {
    "name",
    "unit",
    "polarity",
    "decimal_places",
    "comparison_geography",
    "comparison_prefixes",
    "definition",
    "notes",
    "role",
}

# Sent once a governed catalogue change commits; the interface (missions/signals.py) queues what depends on the
# catalogue, such as the downloads, which print each metric's name and definition.
catalogue_changed = Signal()


def announce_change(obj) -> None:
    """Send catalogue_changed for obj when the current transaction commits (never for a change rolled back)."""
    transaction.on_commit(lambda: catalogue_changed.send(sender=type(obj), instance=obj))


def require(user, perm: str, action: str) -> None:
    """Refuse unless user holds perm (checked here as well as in the admin, never only by hiding buttons)."""
    if user is None or not user.is_active or not user.has_perm(perm):
        raise PermissionDenied(f"{getattr(user, 'username', 'nobody')} may not {action}")


# What identifies an object: set when it is created, never edited (a new key would make load_missions recreate it).
FIXED_AFTER_CREATION = {
    "mission": ("slug", "framework"),
    "metric": ("slug", "mission"),
    "target": ("key", "type", "metric"),
}


@transaction.atomic
def save_catalogue_object(*, obj: Mission | Metric | Target, user, reason: str):
    """Save a mission, metric or target as edited in the admin: permission, reason, fixed keys, history."""
    name, creating = obj._meta.model_name, obj._state.adding
    require(user, f"missions.{'add' if creating else 'change'}_{name}", f"{'add' if creating else 'edit'} {name}s")
    if not creating:
        stored = type(obj).objects.get(pk=obj.pk)
        _refuse_fixed_changes(obj, stored)
        if getattr(obj, "status", None) == Mission.Status.RETIRED and stored.status != Mission.Status.RETIRED:
            on = obj.retired_on or timezone.localdate()
            return retire(obj=obj, user=user, on=on, reason=obj.retired_reason or reason)
    obj._change_reason, obj._history_user = _reason(reason), user
    obj.save()
    announce_change(obj)
    return obj


def _refuse_fixed_changes(obj, stored) -> None:
    attnames = [obj._meta.get_field(f).attname for f in FIXED_AFTER_CREATION[obj._meta.model_name]]
    changed = [a.removesuffix("_id") for a in attnames if getattr(obj, a) != getattr(stored, a)]
    if changed:
        raise ValidationError(f"{', '.join(changed)} cannot change once a {obj._meta.verbose_name} exists")


@transaction.atomic
def record_series(*, metric: Metric, user, reason: str) -> Metric:
    """Copy the series a metric reads into the metric, so that a change to them shows in its history diff."""
    text = metric.describe_series()
    if text != metric.series_read:
        require(user, "missions.change_metric", "edit metrics")
        metric.series_read = text
        metric._change_reason, metric._history_user = _reason(reason), user
        metric.save()
        announce_change(metric)
    return metric


def _reason(reason: str) -> str:
    if not (reason or "").strip():
        raise ValidationError("every change needs a reason, which is published with it")
    return reason.strip()


def _apply(obj, *, changes: dict, allowed: set, user, reason: str):
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"these fields cannot be changed here: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(obj, name, value)
    obj._change_reason, obj._history_user = _reason(reason), user
    obj.full_clean()
    obj.save()
    announce_change(obj)
    return obj


@transaction.atomic
def edit_target(*, target: Target, user, changes: dict, reason: str) -> Target:
    """Change a target's values; the old value, new value, author, time and reason go to its public change log."""
    require(user, "missions.change_target", "edit targets")
    return _apply(target, changes=changes, allowed=EDITABLE_TARGET_FIELDS, user=user, reason=reason)


@transaction.atomic
def edit_metric(*, metric: Metric, user, changes: dict, reason: str) -> Metric:
    """Change a metric's definition, with a reason."""
    require(user, "missions.change_metric", "edit metrics")
    return _apply(metric, changes=changes, allowed=EDITABLE_METRIC_FIELDS, user=user, reason=reason)


@transaction.atomic
def retire(*, obj: Mission | Target, user, on: date, reason: str):
    """Retire a mission or target (the Act lets a mission be dropped with reasons); it stays visible as retired."""
    perm = "missions.change_mission" if isinstance(obj, Mission) else "missions.change_target"
    require(user, perm, f"retire a {obj._meta.verbose_name}")
    obj.status, obj.retired_on, obj.retired_reason = Mission.Status.RETIRED, on, _reason(reason)
    obj._change_reason, obj._history_user = f"Retired: {reason.strip()}", user
    obj.save()
    announce_change(obj)
    return obj


def add_source(*, user, slug: str, location: str = "", connector: str = Source.Connector.ONS_ELS) -> Source:
    require(user, "missions.add_source", "add sources")
    from missions.services.ingest import register_source

    source = register_source(slug=slug, location=location)
    if source.connector != connector:
        Source.objects.filter(pk=source.pk).update(connector=connector)
        source.refresh_from_db()
    return source


def request_ingest(*, user, source: Source) -> None:
    """Ask the scheduler to check a source at its next tick."""
    require(user, "missions.trigger_ingest", "trigger ingestion")
    Source.objects.filter(pk=source.pk).update(next_check_at=timezone.now())
