"""Reads for the area pages: an area's latest value on every metric, its rank among its comparison set in words,
beside its region, nation and the UK; and two or three areas side by side."""

from django.db.models import Max, Q

from missions.findings.ranks import Rank, rank_area, rank_sentence
from missions.geography import UK
from missions.ingestion.periods import period_label
from missions.models import Area, Assessment, Methodology, Metric, Observation
from missions.progress.types import SUPPRESSED
from missions.selectors.area_charts import chart_context, chart_lines, chart_title
from missions.selectors.catalogue import get_indicator_ids, index_indicators


def get_group_share() -> float | None:
    """Return the top and bottom group share of the method version shown (the newest assessed), else the newest."""
    as_of = Assessment.objects.aggregate(latest=Max("as_of"))["latest"]
    methods = Methodology.objects.order_by("-version")
    shown = methods.filter(assessments__as_of=as_of) if as_of else methods
    parameters = (
        shown.values_list("parameters", flat=True).first() or methods.values_list("parameters", flat=True).first()
    )
    return (parameters or {}).get("group_share")


def list_metrics() -> tuple[list[Metric], dict[int, dict[str, list[int]]]]:
    """Return every metric in mission order, with the indicator ids it reads by breakdown."""
    index = index_indicators()
    metrics = list(Metric.objects.prefetch_related("series").select_related("mission").order_by("mission__number"))
    return metrics, {m.pk: get_indicator_ids(metric=m, index=index) for m in metrics}


def list_comparators(area: Area) -> list[Area]:
    """Return the area's region and nation, each once (a Scottish council's parent is its nation)."""
    return list({c.code: c for c in (area.parent, area.country) if c is not None and c.code != area.code}.values())


def compare_area(area: Area, *, share: float | None = None, metrics=None) -> list[dict]:
    """Return, for every metric with data for the area, its latest value and rank beside its region, nation and
    the UK in the same period, and the chart of the four series beside it."""
    comparators = list_comparators(area)
    codes = [area.code, *[c.code for c in comparators], UK]
    metrics, wanted = metrics or list_metrics()
    values = current_by_indicator([i for groups in wanted.values() for ids in groups.values() for i in ids], codes)
    rows = []
    for metric in metrics:
        for breakdown, ids in wanted[metric.pk].items():
            found = [v for i in sorted(ids) for v in values.get(i, [])]
            if any(v["area_code"] == area.code for v in found):
                rows.append(_row(area, metric, breakdown, sorted(ids), found, comparators=comparators, codes=codes))
    _add_ranks(area, rows, share=share if share is not None else get_group_share())
    return rows


def _row(area, metric, breakdown, ids, found, *, comparators, codes) -> dict:
    """Return one metric's row: the area's latest value (suppressed or not), the others then, the chart."""
    latest = max((v for v in found if v["area_code"] == area.code), key=_start)
    same = {v["area_code"]: v for v in found if v["period"] == latest["period"]}
    series = {code: sorted((v for v in found if v["area_code"] == code), key=_start) for code in codes}
    return {
        "metric": metric,
        "breakdown": breakdown,
        "indicator_ids": ids,
        "period": latest["period"],
        "value": latest["value"],
        "status": latest["status"],
        "comparators": [(c, same.get(c.code)) for c in comparators],
        "uk": same.get(UK),
        "chart": chart_context(area, metric, breakdown, chart_lines(area, comparators, series)),
    }


def _start(row: dict):
    return row["period_start"]


def _add_ranks(area: Area, rows: list[dict], *, share: float | None) -> None:
    """Add each row's rank among its metric's comparison set in the same period, and the sentence that says it."""
    # Only a current area inside a metric's comparison set needs that set's values.
    ranked = [r for r in rows if area.last_year is None and _in_set(area, r["metric"])]
    sections = _cross_sections({(i, row["period"]) for row in ranked for i in row["indicator_ids"]})
    for row in rows:
        metric = row["metric"]
        prefixes = tuple(metric.comparison_prefixes)
        others = {}
        for i in row["indicator_ids"]:
            for code, (value, status) in sections.get((i, row["period"]), {}).items():
                if code.startswith(prefixes) and code != area.code and _usable(value, status):
                    others[code] = value
        row["rank"] = rank_area(
            value=row["value"],
            status=row["status"],
            others=others,
            polarity=metric.polarity,
            share=share,
            in_set=_in_set(area, metric),
            retired_in=area.last_year,
        )
        row["sentence"] = describe_rank(row["rank"], metric=metric, breakdown=row["breakdown"], row=row, area=area)


def _in_set(area: Area, metric: Metric) -> bool:
    return bool(metric.comparison_prefixes) and area.code.startswith(tuple(metric.comparison_prefixes))


def _usable(value, status: str) -> bool:
    return value is not None and status not in SUPPRESSED


def describe_rank(rank: Rank, *, metric: Metric, breakdown: str, row: dict, area: Area) -> str:
    """Return the rank sentence with the metric named as findings name it and the period as pages label it."""
    subject = chart_title(metric, breakdown)
    period = period_label(row["period"], period_type=metric.period_type or None)
    return rank_sentence(rank, set_name=metric.comparison_geography, subject=subject, period=period, level=area.level)


def current_by_indicator(indicator_ids, codes) -> dict[int, list[dict]]:
    """Return the current values of these indicators for these areas, by indicator, in one query."""
    grouped: dict[int, list[dict]] = {}
    rows = Observation.objects.filter(indicator_id__in=indicator_ids, area_code__in=codes, superseded_by__isnull=True)
    for row in rows.values("indicator_id", "area_code", "period", "period_start", "value", "status"):
        grouped.setdefault(row["indicator_id"], []).append(row)
    return grouped


def _cross_sections(pairs: set[tuple[int, str]]) -> dict[tuple[int, str], dict[str, tuple]]:
    """Return every area's current value and status for each (indicator, period), in one query."""
    if not pairs:
        return {}
    wanted = Q()
    for indicator_id, period in sorted(pairs):
        wanted |= Q(indicator_id=indicator_id, period=period)
    sections: dict[tuple[int, str], dict[str, tuple]] = {}
    rows = Observation.objects.filter(wanted, superseded_by__isnull=True)
    for i, period, code, value, status in rows.values_list("indicator_id", "period", "area_code", "value", "status"):
        sections.setdefault((i, period), {})[code] = (value, status)
    return sections


def compare_areas(areas: list[Area]) -> list[dict]:
    """Return one row per metric (and breakdown) with data for any of the areas: each area's latest value, its
    period and its rank sentence, in the areas' order (None where an area has no value)."""
    share, metrics = get_group_share(), list_metrics()
    by_area = [_keyed(compare_area(a, share=share, metrics=metrics)) for a in areas]
    rows = []
    for metric in metrics[0]:
        for breakdown in metrics[1][metric.pk]:
            cells = [found.get((metric.pk, breakdown)) for found in by_area]
            if any(cells):
                rows.append({"metric": metric, "breakdown": breakdown, "cells": cells})
    return rows


def _keyed(rows: list[dict]) -> dict[tuple, dict]:
    return {(r["metric"].pk, r["breakdown"]): r for r in rows}


def get_area_lines(area: Area, *, metric: Metric, breakdown: str) -> list:
    """Return the chart lines of one metric (and breakdown) for an area; none when it reads no such series."""
    ids = get_indicator_ids(metric=metric).get(breakdown)
    if not ids:
        return []
    comparators = list_comparators(area)
    codes = [area.code, *[c.code for c in comparators], UK]
    values = current_by_indicator(ids, codes)
    found = [v for i in sorted(ids) for v in values.get(i, [])]
    return chart_lines(area, comparators, {code: [v for v in found if v["area_code"] == code] for code in codes})
