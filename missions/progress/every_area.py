"""Every-area targets under method version 2: count only changes that are clear given each area's intervals.

Pure: no Django. An area is clearly better (or worse) when its change exceeds 1.96 standard errors of the change,
the standard errors coming from the area's published 95% intervals at both ends. The status is a sign test over
the areas whose change is clear: with many noisy areas some move clearly by chance in each direction, so a status
needs clearly better areas to outnumber clearly worse ones (or the reverse) beyond what chance would give.
"""

import math

from scipy import stats

from missions.progress.resample import Z95
from missions.progress.types import Method, Point, Status


def area_direction(base: Point, latest: Point, better: int) -> int | None:
    """Return +1 (clearly better), -1 (clearly worse) or 0; None where either end publishes no interval."""
    if not (base.has_interval and latest.has_interval):
        return None
    se = math.hypot((base.uci - base.lci) / (2 * Z95), (latest.uci - latest.lci) / (2 * Z95))
    change = better * (latest.value - base.value)
    if se == 0:
        return (change > 0) - (change < 0)
    return 1 if change > Z95 * se else -1 if change < -Z95 * se else 0


def count_clear_changes(at_base: dict[str, Point], at_latest: dict[str, Point], better: int) -> dict:
    """Return the areas clearly better, with no clear change, clearly worse, and without intervals, named."""
    groups = {"clearly_better": [], "no_clear_change": [], "clearly_worse": [], "without_intervals": []}
    names = {1: "clearly_better", 0: "no_clear_change", -1: "clearly_worse", None: "without_intervals"}
    for code in sorted(at_base):
        groups[names[area_direction(at_base[code], at_latest[code], better)]].append(code)
    return groups


def judge_clear_counts(groups: dict, *, base_period: str, method: Method) -> tuple[Status, str, dict]:
    """Return the status from a sign test of clearly better against clearly worse areas, and the counts."""
    up, down = len(groups["clearly_better"]), len(groups["clearly_worse"])
    flat = len(groups["no_clear_change"]) + len(groups["without_intervals"])
    counts = {"clearly_better": up, "no_clear_change": flat, "clearly_worse": down}
    p_value = float(stats.binomtest(up, up + down).pvalue) if up + down else 1.0
    figures = {"counts": counts, "areas_by_change": groups, "sign_test_p_value": round(p_value, 6)}
    summary = f"{up} areas clearly better, {flat} no clear change, {down} clearly worse than at {base_period}"
    if groups["without_intervals"]:
        summary += f" ({len(groups['without_intervals'])} without published intervals counted as no clear change)"
    if down == 0 and flat == 0 and up:
        return Status.IMPROVING, "every area is clearly better: " + summary, figures
    if p_value < method.significance:
        status = Status.IMPROVING if up > down else Status.WORSENING
        return status, f"{summary}; sign test p = {p_value:.3f}", figures
    return Status.NO_CLEAR_CHANGE, f"{summary}; sign test p = {p_value:.3f}", figures
