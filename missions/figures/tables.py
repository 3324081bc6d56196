"""Chart and report tables from assessment entries and frozen snapshots. Pure pandas: no Django.

Every period column keeps its canonical key and has a reader's label beside it.
"""

import pandas as pd

from missions.entries import AssessmentEntry
from missions.findings.numbers import format_share
from missions.ingestion.periods import period_label
from missions.progress.types import group_share_of

SUMMARY_COLUMNS = [
    "mission",
    "metric",
    "target",
    "breakdown",
    "status",
    "measure",
    "baseline_period",
    "baseline_period_label",
    "baseline",
    "latest_period",
    "latest_period_label",
    "latest",
    "target_level",
    "probability",
    "interpreted",
]


def _value(item: dict | None, key: str):
    return None if not item else item.get(key)


def _label(item: dict | None, entry: AssessmentEntry) -> str | None:
    key = _value(item, "period")
    return period_label(key, period_type=entry.get("period_type")) if key else None


def _with_labels(frame: pd.DataFrame, entry: AssessmentEntry) -> pd.DataFrame:
    labels = [period_label(k, period_type=entry.get("period_type")) for k in frame["period"]]
    frame.insert(frame.columns.get_loc("period") + 1, "period_label", labels)
    return frame


def summary_table(snapshot: dict) -> pd.DataFrame:
    """Return one row per assessed target: status and headline figures."""
    rows = []
    for mission in snapshot["missions"]:
        for entry in mission["targets"]:
            summary = entry["summary"]
            rows.append(
                {
                    "mission": f"{mission['number']}. {mission['short_name']}",
                    "metric": entry["metric_name"],
                    "target": entry["title"],
                    "breakdown": entry["breakdown"],
                    "status": entry["status_label"],
                    "measure": summary["measure"],
                    "baseline_period": _value(summary["baseline"], "period"),
                    "baseline_period_label": _label(summary["baseline"], entry),
                    "baseline": _value(summary["baseline"], "value"),
                    "latest_period": _value(summary["latest"], "period"),
                    "latest_period_label": _label(summary["latest"], entry),
                    "latest": _value(summary["latest"], "value"),
                    "target_level": summary["target"],
                    "probability": entry["probability"],
                    "interpreted": entry["interpreted"],
                }
            )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def series_table(entry: AssessmentEntry) -> pd.DataFrame:
    """Return the headline series behind a target: value, 95% bounds, status marker, trajectory."""
    points = entry["result"].get("inputs", {}).get("points", [])
    frame = pd.DataFrame(points, columns=["period", "time", "value", "lci", "uci", "status"])
    trajectory = {r["period"]: r["expected"] for r in entry["result"].get("figures", {}).get("trajectory", [])}
    frame["trajectory"] = frame["period"].map(trajectory)
    return _with_labels(frame.sort_values("time").reset_index(drop=True), entry)


def projection_table(entry: AssessmentEntry) -> pd.DataFrame:
    """Return the projection fan (10/30/50/70/90% bands) by time, empty when there is no projection."""
    projection = entry["result"].get("figures", {}).get("projection") or {}
    return pd.DataFrame(projection.get("fan", []))


def gap_table(entry: AssessmentEntry) -> pd.DataFrame:
    """Return the gap between top and bottom areas over time, with P90/P10, CV and the latest gap's 95% interval.

    The interval is the baseline gap plus the 95% interval of its change, resampled within the areas' published
    intervals (method version 2); only an absolute gap has one, and only at the latest period.
    """
    figures = entry["result"].get("figures", {})
    frame = pd.DataFrame(figures.get("series", []), columns=["period", "gap", "p90_p10_ratio", "cv", "areas"])
    frame.insert(2, "lci", None)
    frame.insert(3, "uci", None)
    interval = (figures.get("test") or {}).get("interval_95")
    judged = (figures.get("judged") or {}).get("measure", "gap")
    if interval and judged == "gap" and len(frame) and "baseline" in figures:
        latest = frame.index[frame["period"] == figures.get("latest_period")]
        base = figures["baseline"]["gap"]
        frame.loc[latest, ["lci", "uci"]] = [base + interval[0], base + interval[1]]
    frame[["lci", "uci"]] = frame[["lci", "uci"]].astype(float)
    return _with_labels(frame, entry)


def group_words(entry: AssessmentEntry) -> str:
    """Return the share of areas in a gap's top and bottom groups, as words: "10%"."""
    return format_share(group_share_of(entry["result"]))


def ranking_table(entry: AssessmentEntry, names: dict[str, str]) -> pd.DataFrame:
    """Return every comparison area at the latest period, ranked, with its top or bottom group marked."""
    figures = entry["result"].get("figures", {})
    values = figures.get("latest_values", {})
    top, bottom = set(figures.get("latest", {}).get("top", [])), set(figures.get("latest", {}).get("bottom", []))
    frame = pd.DataFrame({"area_code": list(values), "value": list(values.values())})
    frame["area_name"] = frame["area_code"].map(names).fillna("")
    share = group_words(entry)
    frame["group"] = frame["area_code"].map(
        lambda c: f"top {share}" if c in top else f"bottom {share}" if c in bottom else ""
    )
    frame = frame.sort_values("value", ascending=False).reset_index(drop=True)
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame[["rank", "area_code", "area_name", "value", "group"]]


def all_tables(snapshot: dict) -> dict[str, pd.DataFrame]:
    """Return every table of the report by a short, file-safe name."""
    tables = {"summary": summary_table(snapshot)}
    for mission in snapshot["missions"]:
        for entry in mission["targets"]:
            key = entry["key"]
            if entry["result"].get("inputs", {}).get("points"):
                tables[f"{key}-series"] = series_table(entry)
            if entry["result"].get("rule") == "gap" and entry["result"].get("figures", {}).get("series"):
                tables[f"{key}-gap"] = gap_table(entry)
                tables[f"{key}-ranking"] = ranking_table(entry, snapshot.get("area_names", {}))
    return tables
