"""Create-or-compare for reference data: create what is missing, report what differs, overwrite nothing."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models


@dataclass
class SyncResult:
    created: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    differences: list[str] = field(default_factory=list)


def _same(current, wanted) -> bool:
    if isinstance(current, models.Model) or isinstance(wanted, models.Model):
        return getattr(current, "pk", current) == getattr(wanted, "pk", wanted)
    if isinstance(current, Decimal) or isinstance(wanted, Decimal):
        if current is None or wanted is None:
            return current is None and wanted is None
        return Decimal(str(current)) == Decimal(str(wanted))
    return current == wanted


def sync_object(model, *, lookup: dict, values: dict, result: SyncResult, reason: str, fill_blank: tuple = ()):
    """Return the object for lookup, creating it with values if missing; record differences otherwise.

    Fields named in fill_blank are filled where still blank (added to the catalogue after the object was loaded).
    """
    obj = model.objects.filter(**lookup).first()
    label = model._meta.verbose_name
    if obj is None:
        _check_fields(model, values, label=f"{label} {lookup}")
        obj = model(**lookup, **values)
        obj._change_reason = reason
        obj.save()
        result.created[label] += 1
        return obj
    blanks = [n for n in fill_blank if getattr(obj, n) == "" and values.get(n)]
    if blanks:
        for name in blanks:
            setattr(obj, name, values[name])
        obj._change_reason = f"{reason} (filled {', '.join(blanks)})"
        obj.save(update_fields=blanks)
    diffs = [(name, getattr(obj, name), want) for name, want in values.items() if not _same(getattr(obj, name), want)]
    if not diffs:
        result.unchanged[label] += 1
    for name, current, wanted in diffs:
        result.differences.append(f"{label} {obj}: {name} is {current!r} here, {wanted!r} in the source (kept)")
    return obj


def _check_fields(model, values: dict, *, label: str) -> None:
    # The fields' own validators (one line, no control characters ...), which save() alone never runs.
    for name, value in values.items():
        if isinstance(value, str):
            try:
                model._meta.get_field(name).run_validators(value)
            except ValidationError as exc:
                raise ValidationError(f"{label}: {name} {'; '.join(exc.messages)}") from exc
