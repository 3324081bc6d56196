"""Report charts: matplotlib Figure objects (never pyplot), SVG for pages and PNG for the PDF. Pure: no Django.

Colours are the Okabe-Ito palette, and every series also differs by line style or marker, so charts stay readable
in greyscale and for colour-blind readers.
"""

import io
import textwrap
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from missions.ingestion.periods import period_from_key, period_label
from reports.tables import gap_table, projection_table, ranking_table, series_table

BLUE, ORANGE, GREEN, GREY, VERMILION, SKY = "#0072B2", "#E69F00", "#009E73", "#595959", "#D55E00", "#56B4E9"
STATUS_STYLE = {  # colour and hatch: distinguishable without colour
    "achieved": (GREEN, ""),
    "on_track": (GREEN, "//"),
    "improving": (GREEN, ".."),
    "acceleration_needed": (ORANGE, "//"),
    "no_clear_change": (ORANGE, ".."),
    "limited_progress": (ORANGE, "xx"),
    "deteriorating": (VERMILION, "//"),
    "worsening": (VERMILION, ".."),
    "insufficient_data": ("#FFFFFF", "--"),
    "no_data_source": ("#FFFFFF", ""),
    "data_refused": ("#FFFFFF", "\\\\"),
}


@dataclass(frozen=True)
class Chart:
    name: str
    svg: bytes
    png: bytes
    alt: str
    summary: str
    table: pd.DataFrame
    series_labels: tuple[str, ...]
    axis_labels: tuple[str, str]
    places: int = 4  # decimal places the data table beside the chart shows


def _render(fig: Figure, name: str, alt: str, summary: str, table: pd.DataFrame, places: int = 4) -> Chart:
    ax = fig.axes[0]
    labels = tuple(h.get_label() for h in ax.get_legend_handles_labels()[0])
    svg, png = io.BytesIO(), io.BytesIO()
    fig.savefig(png, format="png", dpi=110)
    fig.set_layout_engine("none")  # keep the constrained layout just computed: the SVG is not laid out again
    fig.savefig(svg, format="svg", metadata={"Date": None})
    axes = (ax.get_xlabel(), ax.get_ylabel())
    return Chart(name, svg.getvalue(), png.getvalue(), alt, summary, table, labels, axes, places)


def _figure(width=7.0, height=3.6) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.add_subplot()
    return fig


def series_chart(entry: dict) -> Chart:
    """Return the published series with its 95% band, path to target and trend, the latest value and target marked."""
    table, fan = series_table(entry), projection_table(entry)
    figures, inputs = entry["result"].get("figures", {}), entry["result"].get("inputs", {})
    places = entry.get("decimal_places", 1)
    fig = _figure(height=3.9)
    ax = fig.axes[0]
    ax.margins(y=0.12)  # room above and below for the labels of the latest value and the target
    usable = table.dropna(subset=["value"])
    target_time, target_level = inputs.get("target_time"), figures.get("target_level")
    end = (target_time, target_level) if target_time and target_level is not None else None
    drawn = _draw_series(ax, usable, fan, table, end)
    target_year = (entry.get("target") or {}).get("target_year") or (int(target_time) if target_time else None)
    if baseline := figures.get("baseline"):
        ax.axhline(baseline["value"], color=GREY, linestyle="-.", linewidth=0.8)
        ax.annotate(
            "Baseline",
            (0, baseline["value"]),
            xycoords=("axes fraction", "data"),
            xytext=(3, 3),
            textcoords="offset points",
            fontsize=7,
            color=GREY,
        )
    ticks = list(zip(usable["time"], usable["period_label"], strict=True))
    if target_time and target_year and (not fan.empty or "path" in drawn):
        ticks.append((target_time, str(target_year)))
    _period_axis(ax, ticks, entry.get("period_type"), usable["period"])
    if len(usable):
        last = usable.iloc[-1]
        _note(ax, last["time"], last["value"], f"Latest: {_num(last['value'], places)} ({last['period_label']})", BLUE)
    if target_level is not None and target_time:
        ax.plot([target_time], [target_level], marker="*", markersize=14, color=VERMILION, linestyle="none")
        _note(ax, target_time, target_level, f"Target: {_num(target_level, places)} by {target_year}", VERMILION)
    ax.set_ylabel(entry["unit"])
    ax.legend(fontsize=7, loc="best")
    _titles(fig, ax, entry["title"], _shading(drawn))
    return _render(fig, f"{entry['key']}-series", *_describe_series(entry, usable, drawn), table, places)


def _draw_series(ax, usable: pd.DataFrame, fan: pd.DataFrame, table: pd.DataFrame, end: tuple | None) -> set[str]:
    """Draw the band, values, fan and path to target that the data has; return which were drawn."""
    drawn = set()
    if len(usable) and usable[["lci", "uci"]].notna().all(axis=None):
        ax.fill_between(usable["time"], usable["lci"], usable["uci"], color=SKY, alpha=0.35, linewidth=0)
        drawn.add("band")
    ax.plot(usable["time"], usable["value"], color=BLUE, marker="o", label="Published value")
    if not fan.empty:
        ax.fill_between(fan["time"], fan["q10"], fan["q90"], color=GREY, alpha=0.15, linewidth=0)
        ax.fill_between(fan["time"], fan["q30"], fan["q70"], color=GREY, alpha=0.3, linewidth=0)
        ax.plot(fan["time"], fan["q50"], color=GREY, linestyle=":", label="Trend extrapolation (middle)")
        drawn.add("fan")
    if table["trajectory"].notna().any():
        path = table.dropna(subset=["trajectory"])
        xs, ys = [*path["time"], *(end or ())[:1]], [*path["trajectory"], *(end or ())[1:]]
        ax.plot(xs, ys, color=ORANGE, linestyle="--", label="Path to target")
        drawn.add("path")
    return drawn


def _shading(drawn: set[str]) -> str:
    parts = ["95% confidence interval (blue)"] * ("band" in drawn)
    parts += ["trend extrapolation, not a forecast (grey: 30-70% dark, 10-90% light)"] * ("fan" in drawn)
    return "Shaded: " + "; ".join(parts) if parts else ""


def _describe_series(entry: dict, usable: pd.DataFrame, drawn: set[str]) -> tuple[str, str]:
    """Return the chart's alt text and one-line summary: what is drawn, the status and the latest value."""
    places, unit = entry.get("decimal_places", 1), entry["unit"]
    summary = f"{entry['title']}: {entry['status_label'].lower()}"
    if len(usable):
        last = usable.iloc[-1]
        summary += f"; latest {_num(last['value'], places)} {unit} ({last['period_label']})"
    parts = {"band": "its 95% confidence interval", "path": "the path to the target", "fan": "a trend extrapolation"}
    shown = [text for key, text in parts.items() if key in drawn]
    alt = f"Line chart for the target '{entry['title']}': the published values in {unit} by period" + (
        f", with {', '.join(shown)}" if shown else ""
    )
    return alt + f". {summary}.", summary


def ranking_chart(entry: dict, names: dict[str, str]) -> Chart:
    """Return every comparison area ranked at the latest period, top and bottom 10% marked."""
    table = ranking_table(entry, names)
    figures = entry["result"].get("figures", {})
    period = _label(figures.get("latest_period", ""), entry)
    fig = _figure(height=3.4)
    ax = fig.axes[0]
    styles = {"top 10%": (GREEN, "//"), "bottom 10%": (VERMILION, "xx"), "": (SKY, "")}
    # Each group's ranks are contiguous, so a stepped fill draws the same bars as one shape (hundreds of areas).
    for group, (colour, hatch) in styles.items():
        part = table[table["group"] == group]
        if len(part):
            ax.fill_between(
                part["rank"],
                part["value"],
                step="mid",
                color=colour,
                hatch=hatch,
                edgecolor=GREY,
                linewidth=0.3,
                label=group or "other areas",
            )
    ax.set_ylim(bottom=min(0, table["value"].min()))
    ax.set_xlabel("Areas ranked from highest (1) to lowest")
    ax.set_ylabel(entry["unit"])
    ax.legend(fontsize=7)
    _titles(fig, ax, entry["title"], f"Every area compared, {period}: each bar is one area" if period else "")
    summary = f"{len(table)} areas ranked{' in ' + period if period else ''}; the top and bottom 10% are marked"
    alt = f"Bar chart for the target '{entry['title']}': {len(table)} areas ranked, the top and bottom 10% marked."
    return _render(fig, f"{entry['key']}-ranking", alt, summary, table, entry.get("decimal_places", 1))


def gap_chart(entry: dict) -> Chart:
    """Return the gap between the top and bottom 10% of areas over time."""
    table = gap_table(entry)
    places = entry.get("decimal_places", 1)
    fig = _figure(height=3.0)
    ax = fig.axes[0]
    positions = list(range(len(table)))
    ax.plot(positions, table["gap"], color=BLUE, marker="s")
    _period_axis(
        ax, list(zip(positions, table["period_label"], strict=True)), entry.get("period_type"), table["period"]
    )
    ax.set_ylabel(entry["unit"])
    _titles(fig, ax, "Gap between the top and bottom 10% of areas", "Mean of the top 10% minus mean of the bottom 10%")
    first, last = table.iloc[0], table.iloc[-1]
    summary = (
        f"The gap moved from {_num(first['gap'], places)} ({first['period_label']}) "
        f"to {_num(last['gap'], places)} ({last['period_label']})"
    )
    alt = f"Line chart for the target '{entry['title']}': the gap between the top and bottom 10% of areas. {summary}."
    return _render(fig, f"{entry['key']}-gap", alt, summary, table, places + 1)


def status_grid(snapshot: dict) -> Chart:
    """Return a grid of every mission's targets, each cell coloured, hatched and labelled by status."""
    rows = [(m, e) for m in snapshot["missions"] for e in m["targets"]]
    table = pd.DataFrame([{"mission": m["number"], "target": e["title"], "status": e["status_label"]} for m, e in rows])
    width = max(len(m["targets"]) for m in snapshot["missions"])
    fig = _figure(width=9, height=0.42 * len(snapshot["missions"]) + 0.8)
    ax = fig.axes[0]
    for y, mission in enumerate(snapshot["missions"]):
        for x, entry in enumerate(mission["targets"]):
            colour, hatch = STATUS_STYLE.get(entry["status"], ("#FFFFFF", ""))
            ax.add_patch(_cell(x, y, colour, hatch))
            ax.text(x + 0.5, y + 0.5, entry["status_label"][:14], ha="center", va="center", fontsize=5)
    ax.set_xlim(0, width)
    ax.set_ylim(len(snapshot["missions"]), 0)
    ax.set_yticks(
        [y + 0.5 for y in range(len(snapshot["missions"]))],
        [f"{m['number']}. {m['short_name']}" for m in snapshot["missions"]],
        fontsize=7,
    )
    ax.set_xticks([])
    ax.set_xlabel("Targets of each mission")
    ax.set_ylabel("Mission")
    counts = table["status"].value_counts()
    summary = "; ".join(f"{n} {label.lower()}" for label, n in counts.items())
    alt = f"Grid of the status of all {len(table)} assessed targets by mission: {summary}."
    return _render(fig, "status-grid", alt, summary, table)


def _num(value: float, places: int) -> str:
    return f"{value:,.{places}f}"


def _label(key: str, entry: dict) -> str:
    return period_label(key, period_type=entry.get("period_type")) if key else ""


def _note(ax, x: float, y: float, text: str, colour: str) -> None:
    """Write a value's label beside its point, inside the axes (left of points in the right third)."""
    left = x > sum(ax.get_xlim()) / 2
    ax.annotate(
        text,
        (x, y),
        xytext=(-6 if left else 6, 6),
        textcoords="offset points",
        fontsize=7,
        color=colour,
        ha="right" if left else "left",
        fontweight="bold",
    )


def _period_axis(ax, ticks: list[tuple[float, str]], period_type: str | None, keys) -> None:
    """Label the time axis by the periods themselves (at most six ticks, first and last kept)."""
    step = max(1, -(-len(ticks) // 6))
    shown = ticks[::step] if ticks[-1:] == ticks[::step][-1:] else [*ticks[::step], ticks[-1]]
    ax.set_xticks([t for t, _ in shown], [label for _, label in shown], fontsize=7)
    ax.set_xlabel(axis_title(list(keys), period_type))


def axis_title(keys: list[str], period_type: str | None) -> str:
    """Return what the periods on a time axis are: year, financial year, academic year, month or n-year period."""
    lengths = {period_from_key(k).months for k in keys if k}
    if lengths and min(lengths) > 12 and len(lengths) == 1:
        return f"{min(lengths) // 12}-year period"
    return {"financial_year": "Financial year", "academic_year": "Academic year", "month": "Month"}.get(
        period_type or "", "Year"
    )


def _titles(fig: Figure, ax, title: str, subtitle: str) -> None:
    """Put the title above the chart and a one-line subtitle saying what the shaded areas are."""
    width = round(fig.get_figwidth() * 12)  # characters of a 10-point bold title that fit across the figure
    fig.suptitle(textwrap.fill(title, width), fontsize=10, x=0.01, ha="left", fontweight="bold")
    ax.set_title(
        textwrap.shorten(subtitle, round(fig.get_figwidth() * 18), placeholder="..."),
        fontsize=7,
        loc="left",
        color=GREY,
    )


def _cell(x, y, colour, hatch):
    from matplotlib.patches import Rectangle

    return Rectangle((x + 0.05, y + 0.05), 0.9, 0.9, facecolor=colour, hatch=hatch, edgecolor=GREY, linewidth=0.5)
