"""The headline figures of a result, as pages, API, reports and the assess command show them. Pure: no Django."""

from missions.findings.numbers import format_share, probability_bound
from missions.progress.types import group_share_of


def summarise(result: dict) -> dict:
    """Return {measure, baseline, latest, target} from a stored result: plain values with their periods."""
    figures = result.get("figures", {})
    if result.get("rule") == "gap" and "baseline" in figures:
        judged = figures.get("judged") or {}
        measure = f"gap between top and bottom {format_share(group_share_of(result))}"
        if judged.get("measure") == "ratio":
            measure += f" (judged as the ratio of their means: {judged['baseline']:.3f} to {judged['latest']:.3f})"
        return {
            "measure": measure,
            "baseline": {"value": figures["baseline"]["gap"], "period": figures["baseline_period"]},
            "latest": {"value": figures["latest"]["gap"], "period": figures["latest_period"]},
            "target": None,
        }
    if result.get("rule") == "every_area" and "share_improved" in figures:
        share = {"value": figures["share_improved"] * 100, "period": figures["latest_period"]}
        return {"measure": "% of areas improved", "baseline": None, "latest": share, "target": 100.0}
    if result.get("rule") == "gap_to_benchmark" and figures.get("series"):
        first, last = figures["series"][0], figures["series"][-1]
        return {
            "measure": "mean distance from the benchmark",
            "baseline": {"value": first["value"], "period": first["period"]},
            "latest": {"value": last["value"], "period": last["period"]},
            "target": None,
        }
    pick = lambda p: {"value": p["value"], "period": p["period"]} if p else None  # noqa: E731
    return {
        "measure": "value",
        "baseline": pick(figures.get("baseline")),
        "latest": pick(figures.get("latest")),
        "target": figures.get("target_level"),
    }


def format_probability(probability: float | None) -> str:
    """Return a probability as a whole percentage, or "below 1%" / "above 99%" where rounding would mislead."""
    if probability is None:
        return "-"
    return probability_bound(probability) or f"{probability:.0%}"
