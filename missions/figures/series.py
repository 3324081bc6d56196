"""The series chart: a target's published values with their 95% band, path to target, trend fan and target."""

import pandas as pd

from missions.entries import AssessmentEntry
from missions.figures.drawing import (
    BLUE,
    GREY,
    ORANGE,
    SKY,
    VERMILION,
    Chart,
    new_figure,
    note,
    num,
    period_axis,
    render,
    titles,
)
from missions.figures.tables import projection_table, series_table
from missions.figures.wording import finding_sentences, finding_title, source_line, value_label


def series_chart(entry: AssessmentEntry) -> Chart:
    """Return the published series with its 95% intervals, path to target and trend fan, titled by its finding."""
    table, fan = series_table(entry), projection_table(entry)
    figures, inputs = entry["result"].get("figures", {}), entry["result"].get("inputs", {})
    places = entry.get("decimal_places", 1)
    fig = new_figure(height=4.3)
    ax = fig.axes[0]
    ax.margins(y=0.12)  # room above and below for the labels of the latest value and the target
    usable = table.dropna(subset=["value"])
    target_time, target_level = inputs.get("target_time"), figures.get("target_level")
    end = (target_time, target_level) if target_time and target_level is not None else None
    drawn = _draw_series(ax, usable, fan, table, end)
    target_year = (entry.get("target") or {}).get("target_year") or (int(target_time) if target_time else None)
    if baseline := figures.get("baseline"):
        _baseline(ax, baseline["value"])
    ticks = list(zip(usable["time"], usable["period_label"], strict=True))
    if target_time and target_year and (not fan.empty or "path" in drawn):
        ticks.append((target_time, str(target_year)))
    period_axis(ax, ticks, entry.get("period_type"), usable["period"])
    if len(usable):
        last = usable.iloc[-1]
        note(ax, last["time"], last["value"], f"Latest: {num(last['value'], places)} ({last['period_label']})", BLUE)
    if target_level is not None and target_time:
        ax.plot([target_time], [target_level], marker="*", markersize=14, color=VERMILION, linestyle="none")
        note(ax, target_time, target_level, f"Target: {num(target_level, places)} by {target_year}", VERMILION)
    ax.set_ylabel(value_label(entry.get("unit")))
    ax.legend(fontsize=7, loc="best")
    title = finding_title(finding_sentences(entry), entry["title"])
    titles(fig, ax, title, f"Target: {entry['title']}", _shading(drawn))
    alt, summary = _describe_series(entry, usable, drawn, title)
    return render(
        fig, f"{entry['key']}-series", alt=alt, summary=summary, table=table, source=source_line(entry), places=places
    )


def _baseline(ax, value: float) -> None:
    ax.axhline(value, color=GREY, linestyle="-.", linewidth=0.8)
    ax.annotate(
        "Baseline",
        (0, value),
        xycoords=("axes fraction", "data"),
        xytext=(3, 3),
        textcoords="offset points",
        fontsize=7,
        color=GREY,
    )


def _draw_series(ax, usable: pd.DataFrame, fan: pd.DataFrame, table: pd.DataFrame, end: tuple | None) -> set[str]:
    """Draw the intervals, values, fan and path to target that the data has; return which were drawn.

    Each interval is drawn with an SVG id (confidence-interval, projection-interval) that tests look for.
    """
    drawn = set()
    bounded = usable.dropna(subset=["lci", "uci"])
    if len(bounded) and len(bounded) == len(usable):
        band = ax.fill_between(usable["time"], usable["lci"], usable["uci"], color=SKY, alpha=0.35, linewidth=0)
        band.set_gid("confidence-interval")
        drawn.add("band")
    elif len(bounded):  # intervals published for some periods only: a bar for each of those
        spread = [(bounded["value"] - bounded["lci"]).tolist(), (bounded["uci"] - bounded["value"]).tolist()]
        bars = ax.errorbar(bounded["time"], bounded["value"], yerr=spread, fmt="none", ecolor=SKY, capsize=3)
        bars.lines[2][0].set_gid("confidence-interval")
        drawn.add("bars")
    ax.plot(usable["time"], usable["value"], color=BLUE, marker="o", label="Published value")
    if not fan.empty:
        outer = ax.fill_between(fan["time"], fan["q10"], fan["q90"], color=GREY, alpha=0.15, linewidth=0)
        inner = ax.fill_between(fan["time"], fan["q30"], fan["q70"], color=GREY, alpha=0.3, linewidth=0)
        outer.set_gid("projection-interval-10-90")
        inner.set_gid("projection-interval-30-70")
        ax.plot(fan["time"], fan["q50"], color=GREY, linestyle=":", label="Trend extrapolation (middle)")
        drawn.add("fan")
    if table["trajectory"].notna().any():
        path = table.dropna(subset=["trajectory"])
        xs, ys = [*path["time"], *(end or ())[:1]], [*path["trajectory"], *(end or ())[1:]]
        ax.plot(xs, ys, color=ORANGE, linestyle="--", label="Path to target")
        drawn.add("path")
    return drawn


def _shading(drawn: set[str]) -> str:
    parts = ["95% confidence interval (blue band)"] * ("band" in drawn)
    parts += ["95% confidence intervals where published (blue bars)"] * ("bars" in drawn)
    parts += ["trend extrapolation, not a forecast (grey: 30-70% dark, 10-90% light)"] * ("fan" in drawn)
    return "Uncertainty: " + "; ".join(parts) if parts else ""


def _describe_series(entry: AssessmentEntry, usable: pd.DataFrame, drawn: set[str], title: str) -> tuple[str, str]:
    """Return the chart's alt text (the finding, then what is drawn) and a one-line summary."""
    places, unit = entry.get("decimal_places", 1), entry.get("unit") or ""
    summary = f"{entry['title']}: {entry['status_label'].lower()}"
    if len(usable):
        last = usable.iloc[-1]
        summary += f"; latest {num(last['value'], places)} {unit} ({last['period_label']})"
    parts = {
        "band": "its 95% confidence interval",
        "bars": "95% confidence intervals where published",
        "path": "the path to the target",
        "fan": "a trend extrapolation with its 10-90% and 30-70% ranges",
    }
    shown = [text for key, text in parts.items() if key in drawn]
    alt = f"{title}. Line chart of the published values in {unit or 'the published unit'} by period" + (
        f", with {', '.join(shown)}" if shown else ""
    )
    return f"{alt}, for the target '{entry['title']}'. {summary}.", summary
