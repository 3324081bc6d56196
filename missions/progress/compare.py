"""Compare two method versions' results for one target: key figures and why the statuses differ. Pure: no Django."""

from missions.progress.summary import format_probability


def _num(value, places: int = 3) -> str:
    return "-" if value is None else f"{value:.{places}f}"


def key_figures(result: dict) -> str:
    """Return the figures a reader needs to see why a result has its status, in one line."""
    f, rule = result.get("figures", {}), result.get("rule")
    if rule == "gap" and "baseline" in f:
        judged = f.get("judged") or {"measure": "gap", "baseline": f["baseline"]["gap"], "latest": f["latest"]["gap"]}
        text = f"{judged['measure']} {_num(judged['baseline'])} to {_num(judged['latest'])}"
        if judged["measure"] != "gap":
            text += f" (gap {_num(f['baseline']['gap'], 1)} to {_num(f['latest']['gap'], 1)})"
        test = f.get("test", {})
        if test.get("test") == "resampling":
            low, high = test["interval_95"]
            text += f"; change 95% interval {_num(low)} to {_num(high)}"
        return text
    if rule == "every_area" and "share_improved" in f:
        text = f"{f['share_improved']:.0%} of {f['areas']} areas improved"
        if f.get("counts"):
            c = f["counts"]
            text += f"; clearly better {c['clearly_better']}, no clear change {c['no_clear_change']}, "
            text += f"clearly worse {c['clearly_worse']}"
        return text
    parts = []
    if f.get("baseline") and f.get("latest"):
        parts.append(f"{_num(f['baseline']['value'], 2)} to {_num(f['latest']['value'], 2)}")
    if "ratio" in f:
        parts.append(f"R {_num(f['ratio'], 2)}")
    projection = f.get("projection") or {}
    if projection.get("available"):
        probability = projection.get("probability_exact", projection.get("probability_of_meeting_target"))
        parts.append(f"projected {_num(projection['projected_value'], 1)} (P {format_probability(probability)})")
    if f.get("test") == "trend":
        parts.append(f"trend p {_num(f.get('p_value'))}")
    return "; ".join(parts) or "-"


def explain_difference(old: dict | None, new: dict | None) -> str:
    """Return why two versions' results for one target differ (empty where status and figures agree)."""
    if old is None or new is None:
        return "assessed by one version only"
    reasons = []
    f_new = new.get("figures", {})
    if f_new.get("gap_measure") == "relative":
        reasons.append("judged as the ratio of group means, not the gap in the metric's units")
    test = f_new.get("test")
    if isinstance(test, dict) and test.get("test") == "resampling":
        reasons.append("the gap's change is tested against resampled sampling noise")
    if f_new.get("counts"):
        reasons.append("only areas whose own change is clear given their intervals are counted")
    if "ratio_status" in f_new:
        reasons.append("the baseline and latest intervals overlap: no clear change since baseline")
    if (old.get("inputs") or {}).get("target_time") != (new.get("inputs") or {}).get("target_time"):
        reasons.append("the target year is read as the multi-year period ending in it")
    if "logit" in f_new.get("ratio_basis", ""):
        reasons.append("progress measured and projected on the logit scale (a percentage)")
    elif (f_new.get("projection") or {}).get("scale") == "logit":
        reasons.append("projected on the logit scale (a percentage)")
    effective = _effective(f_new)
    if effective is not None and (
        effective < _points(f_new) or not (f_new.get("projection") or {}).get("available", 1)
    ):
        reasons.append(f"overlapping periods: {effective:g} independent points")
    if (old.get("inputs") or {}).get("series_of") != (new.get("inputs") or {}).get("series_of"):
        reasons.append(f"series: {(new.get('inputs') or {}).get('series_of')}")
    if old.get("status") != new.get("status") and not reasons:
        reasons.append(new.get("reason", ""))
    return "; ".join(reasons)


def _effective(figures: dict):
    projection = figures.get("projection") or {}
    return projection.get("effective_points", figures.get("effective_points"))


def _points(figures: dict):
    projection = figures.get("projection") or {}
    return projection.get("points_used", figures.get("points_used", 0)) or 0
