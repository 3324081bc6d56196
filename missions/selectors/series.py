"""Turn vintaged observations into the plain series and cross-sections the progress rules take."""

import math
from datetime import date
from functools import cached_property, reduce
from operator import itemgetter, or_

from django.db import connection
from django.db.models import Q

from missions.ingestion.periods import Period
from missions.models import Release
from missions.progress import Point
from missions.selectors.observations import list_observations_as_of

_new = object.__new__

FIELDS = (
    "indicator_id",
    "period",
    "period_start",
    "period_months",
    "area_code",
    "value",
    "lci",
    "uci",
    "status",
    "release_id",
)


class MetricData:
    """All values of one metric breakdown as published on a date, keyed by period and area.

    Rows stay as read until a rule asks for them: a series for one area turns a few rows into points, where building
    a point for every row of every metric cost more than reading them.
    """

    def __init__(
        self, rows: dict[str, dict[str, tuple]], times: dict[str, float], release_ids: set[int], *, whole=True
    ):
        self.rows = rows  # period -> area -> row as _fetch read it, periods in time order
        self.times = times
        self.release_ids = release_ids  # of every value in the areas asked for, read or not
        self.whole = whole  # False: values read for a few areas' series only

    @property
    def empty(self) -> bool:
        return not self.release_ids

    @cached_property
    def sections(self) -> dict[str, dict[str, Point]]:
        if not self.whole:
            raise ValueError("cross-sections of data read for a few areas' series only")
        return {period: _section(period, self.times[period], rows) for period, rows in self.rows.items()}

    def series_for(self, area_code: str) -> list[Point]:
        return [
            _point(period, self.times[period], rows[area_code])
            for period, rows in self.rows.items()
            if area_code in rows
        ]

    def comparison(self, prefixes: list[str]) -> dict[str, dict[str, Point]]:
        wanted = tuple(prefixes)
        return {p: {c: pt for c, pt in s.items() if c.startswith(wanted)} for p, s in self.sections.items()}

    def aggregate(self, *, prefixes: list[str], exclude: list[str]) -> list[Point]:
        """Return the sum over matching areas per period (no intervals), where every matching area has a value."""
        points = []
        for period, section in self.sections.items():
            members = [p for c, p in section.items() if c.startswith(tuple(prefixes)) and c not in exclude]
            if members and all(p.usable for p in members):
                points.append(summed_point(period, self.times[period], members))
        return points

    def group_mean(self, codes: list[str]) -> list[Point]:
        """Return the mean over a fixed group of areas per period, where at least half of them have a value."""
        points = []
        for period, section in self.sections.items():
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


def _fetch(rows) -> list[tuple]:
    """Return the rows in no particular order: sorting them by period and area in the database cost more than
    reading them, where grouping them in Python is a small part of that."""
    # The queryset's own SQL on a plain cursor: Django's per-row iterator costs more than the query here.
    sql, params = rows.order_by().values_list(*FIELDS).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _release_ids(rows, indicator_ids: list[int]) -> set[int]:
    """Return the releases of rows, leaving out values an earlier indicator covers (as get_metric_data does)."""
    sql, params = (
        rows.order_by().values_list("indicator_id", "area_code", "period", "release_id").query.sql_with_params()
    )
    if len(indicator_ids) > 1 and connection.vendor != "postgresql":  # DISTINCT ON and array_position are PostgreSQL's
        rank = {pk: n for n, pk in enumerate(indicator_ids)}
        first: dict[tuple, tuple[int, int]] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for indicator_id, area_code, period, release_id in cursor.fetchall():
                if (area_code, period) not in first or rank[indicator_id] < first[area_code, period][0]:
                    first[area_code, period] = (rank[indicator_id], release_id)
        return {release_id for _, release_id in first.values()}
    if len(indicator_ids) > 1:
        sql = (
            f"SELECT DISTINCT ON (area_code, period) release_id FROM ({sql}) AS o"
            " ORDER BY area_code, period, array_position(%s, indicator_id)"
        )
        params = (*params, list(indicator_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT release_id FROM ({sql}) AS r", params)
        return {release_id for (release_id,) in cursor.fetchall()}


def get_data_as_of(as_of: date | None) -> date | None:
    """Return the date to read values as published on: None (the current values) when nothing was published after
    as_of, as the current values are then the values as of then and read more cheaply."""
    if as_of is not None and not Release.objects.filter(release_date__gt=as_of).exists():
        return None
    return as_of


def get_metric_data(
    *, indicator_ids: list[int], as_of: date | None, area_prefixes: list[str] = (), series_of: list[str] | None = None
) -> MetricData:
    """Return the values of these indicators as published on as_of (the current values when None); earlier
    indicators win where two cover one area. With series_of, read the values of those areas only (the releases
    still of every value in area_prefixes): a target judged on one area's series needs no cross-sections."""
    rows = list_observations_as_of(indicator_ids=indicator_ids, as_of=as_of)
    if area_prefixes:
        rows = rows.filter(reduce(or_, (Q(area_code__startswith=p) for p in area_prefixes)))
    fetched = _fetch(rows if series_of is None else rows.filter(area_code__in=series_of))
    by_period: dict[str, list[tuple]] = {}
    for row in fetched:
        by_period.setdefault(row[1], []).append(row)
    times = {p: Period(start=r[0][2], months=r[0][3]).midpoint for p, r in by_period.items()}
    # Areas in code order; of two indicators' values for one area the earlier indicator's, sorted after the other.
    rank = {pk: -n for n, pk in enumerate(indicator_ids)}
    area = itemgetter(4) if len(indicator_ids) == 1 else lambda row: (row[4], rank[row[0]])
    sections = {
        period: {row[4]: row for row in sorted(by_period[period], key=area)}
        for period in sorted(by_period, key=lambda p: (times[p], p))
    }
    if series_of is not None:
        return MetricData(sections, times, _release_ids(rows, indicator_ids), whole=False)
    return MetricData(sections, times, {row[9] for rows in sections.values() for row in rows.values()})


def _section(period: str, time: float, rows: dict[str, tuple]) -> dict[str, Point]:
    return {area: _point(period, time, row) for area, row in rows.items()}


def _point(period: str, time: float, row: tuple) -> Point:
    """Return the Point of a row read by _fetch, made without the frozen dataclass's __init__.

    That __init__ sets each field through object.__setattr__, which for the ~55,000 values the cross-sectional rules
    read cost more than reading them; filling the instance's dict makes an equal object.
    """
    point = _new(Point)
    point.__dict__.update(period=period, time=time, value=row[5], lci=row[6], uci=row[7], status=row[8], months=row[3])
    return point
