"""Turn vintaged observations into the plain series and cross-sections the progress rules take."""

import math
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q

from missions.ingestion.periods import Period
from missions.models import Indicator, Release
from missions.progress import Point
from missions.selectors.observations import list_observations_as_of

_new = object.__new__

FIELDS = (
    "indicator_id",
    "area_code",
    "period",
    "period_start",
    "period_months",
    "value",
    "lci",
    "uci",
    "status",
    "release_id",
)


@dataclass
class MetricData:
    """All values of one metric breakdown as published on a date, keyed by period and area."""

    sections: dict[str, dict[str, Point]] = field(default_factory=dict)
    times: dict[str, float] = field(default_factory=dict)
    release_ids: set[int] = field(default_factory=set)

    def series_for(self, area_code: str) -> list[Point]:
        return [
            s[area_code] for p, s in sorted(self.sections.items(), key=lambda i: self.times[i[0]]) if area_code in s
        ]

    def comparison(self, prefixes: list[str]) -> dict[str, dict[str, Point]]:
        wanted = tuple(prefixes)
        return {p: {c: pt for c, pt in s.items() if c.startswith(wanted)} for p, s in self.sections.items()}

    def aggregate(self, *, prefixes: list[str], exclude: list[str]) -> list[Point]:
        """Return the sum over matching areas per period (no intervals), where every matching area has a value."""
        points = []
        for period, section in sorted(self.sections.items(), key=lambda i: self.times[i[0]]):
            members = [p for c, p in section.items() if c.startswith(tuple(prefixes)) and c not in exclude]
            if members and all(p.usable for p in members):
                points.append(summed_point(period, self.times[period], members))
        return points

    def group_mean(self, codes: list[str]) -> list[Point]:
        """Return the mean over a fixed group of areas per period, where at least half of them have a value."""
        points = []
        for period, section in sorted(self.sections.items(), key=lambda i: self.times[i[0]]):
            values = [section[c].value for c in codes if c in section and section[c].usable]
            if values and len(values) * 2 >= len(codes):
                points.append(Point(period, self.times[period], sum(values) / len(values), months=_months(section)))
        return points


def summed_point(period: str, time: float, members: list[Point]) -> Point:
    """Return the sum of members, with a 95% interval (independent errors) where every member publishes one."""
    total = sum(p.value for p in members)
    interval = (None, None)
    if all(p.has_interval for p in members):
        half = math.sqrt(sum(((p.uci - p.lci) / 2) ** 2 for p in members))
        interval = (total - half, total + half)
    return Point(period, time, total, *interval, months=members[0].months)


def _months(section: dict[str, Point]) -> int:
    return next(iter(section.values())).months if section else 12


def _fetch(rows, indicator_ids: list[int]) -> list[tuple]:
    """Return the rows in the model's order (indicator by source and name, area, period start).

    The model's ordering on indicator joins indicator and source for every row and sorts the lot, which cost more
    than the read itself: the rows are sorted by area and period here and put in indicator order in Python.
    """
    # The queryset's own SQL on a plain cursor: Django's per-row iterator costs more than the query here.
    ordered = rows.order_by("area_code", "period_start", "period")
    sql, params = ordered.values_list(*FIELDS).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if len(indicator_ids) > 1:
        order = {
            pk: n for n, pk in enumerate(Indicator.objects.filter(id__in=indicator_ids).values_list("id", flat=True))
        }
        fetched.sort(key=lambda row: order[row[0]])  # stable: area and period order kept within an indicator
    return fetched


def get_data_as_of(as_of: date | None) -> date | None:
    """Return the date to read values as published on: None (the current values) when nothing was published after
    as_of, as the current values are then the values as of then and read more cheaply."""
    if as_of is not None and not Release.objects.filter(release_date__gt=as_of).exists():
        return None
    return as_of


def get_metric_data(*, indicator_ids: list[int], as_of: date | None, area_prefixes: list[str] = ()) -> MetricData:
    """Return the values of these indicators as published on as_of (the current values when None); earlier
    indicators win where two cover one area."""
    rank = {pk: n for n, pk in enumerate(indicator_ids)}
    several = len(indicator_ids) > 1
    data, owner, times = MetricData(), {}, {}
    rows = list_observations_as_of(indicator_ids=indicator_ids, as_of=as_of)
    if area_prefixes:
        rows = rows.filter(reduce(or_, (Q(area_code__startswith=p) for p in area_prefixes)))
    for indicator, area, period, start, months, value, lci, uci, status, release_id in _fetch(rows, indicator_ids):
        if several:
            key = (area, period)
            if key in owner and owner[key] <= rank[indicator]:
                continue
            owner[key] = rank[indicator]
        time = times.get((start, months))
        if time is None:
            time = times[(start, months)] = Period(start=start, months=months).midpoint
            data.times.setdefault(period, time)
        section = data.sections.get(period)
        if section is None:
            section = data.sections[period] = {}
        section[area] = _point(period, data.times[period], value, lci, uci, status, months)
        data.release_ids.add(release_id)
    return data


def _point(period: str, time: float, value, lci, uci, status: str, months: int) -> Point:
    """Return Point(period, time, value, lci, uci, status, months), made without the frozen dataclass's __init__.

    That __init__ sets each field through object.__setattr__, which for the ~140,000 values of a full reassessment
    cost more than reading them; filling the instance's dict makes an equal object.
    """
    point = _new(Point)
    point.__dict__.update(period=period, time=time, value=value, lci=lci, uci=uci, status=status, months=months)
    return point
