"""Report charts: matplotlib Figure objects (never pyplot), SVG for pages and PNG for the PDF. Pure: no Django.

Colours are the Okabe-Ito palette, and every series also differs by line style or marker, so charts stay readable
in greyscale and for colour-blind readers.
"""

import io
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

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


def _render(fig: Figure, name: str, alt: str, summary: str, table: pd.DataFrame) -> Chart:
    ax = fig.axes[0]
    labels = tuple(h.get_label() for h in ax.get_legend_handles_labels()[0])
    svg, png = io.BytesIO(), io.BytesIO()
    fig.savefig(png, format="png", dpi=110)
    fig.set_layout_engine("none")  # keep the constrained layout just computed: the SVG is not laid out again
    fig.savefig(svg, format="svg", metadata={"Date": None})
    return Chart(name, svg.getvalue(), png.getvalue(), alt, summary, table, labels, (ax.get_xlabel(), ax.get_ylabel()))


def _figure(width=7.0, height=3.6) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.add_subplot()
    return fig


def series_chart(entry: dict) -> Chart:
    """Return the time series with its 95% band, baseline, target, trajectory and projection fan."""
    table, fan = series_table(entry), projection_table(entry)
    figures, unit = entry["result"].get("figures", {}), entry["unit"]
    fig = _figure()
    ax = fig.axes[0]
    usable = table.dropna(subset=["value"])
    if usable[["lci", "uci"]].notna().all(axis=None) and len(usable):
        ax.fill_between(usable["time"], usable["lci"], usable["uci"], color=SKY, alpha=0.35, label="95% interval")
    ax.plot(usable["time"], usable["value"], color=BLUE, marker="o", label="Published value")
    if not fan.empty:
        ax.fill_between(fan["time"], fan["q10"], fan["q90"], color=GREY, alpha=0.15, label="Projection 10-90%")
        ax.fill_between(fan["time"], fan["q30"], fan["q70"], color=GREY, alpha=0.3, label="Projection 30-70%")
        ax.plot(fan["time"], fan["q50"], color=GREY, linestyle=":", label="Projection (median)")
    if table["trajectory"].notna().any():
        path = table.dropna(subset=["trajectory"])
        target_time = entry["result"]["inputs"].get("target_time")
        xs = [*path["time"], target_time] if target_time else list(path["time"])
        ys = [*path["trajectory"], figures.get("target_level")] if target_time else list(path["trajectory"])
        ax.plot(xs, ys, color=ORANGE, linestyle="--", label="Trajectory to target")
    baseline = figures.get("baseline")
    if baseline:
        ax.axhline(baseline["value"], color=GREY, linestyle="-.", linewidth=0.8, label="Baseline")
    if figures.get("target_level") is not None and entry["result"]["inputs"].get("target_time"):
        ax.plot(
            [entry["result"]["inputs"]["target_time"]],
            [figures["target_level"]],
            marker="*",
            markersize=14,
            color=VERMILION,
            linestyle="none",
            label="Target",
        )
    ax.set_xlabel("Year (period midpoint)")
    ax.set_ylabel(unit)
    ax.legend(fontsize=7, loc="best")
    ax.set_title(entry["title"], fontsize=10)
    latest = figures.get("latest") or {}
    summary = f"{entry['title']}: {entry['status_label'].lower()}" + (
        f"; latest {latest.get('value')} ({latest.get('period')})" if latest else ""
    )
    alt = (
        f"Line chart of {entry['metric_name']} ({unit}) by period with its 95% interval, baseline, target, "
        f"trajectory and projection. {summary}."
    )
    return _render(fig, f"{entry['key']}-series", alt, summary, table)


def ranking_chart(entry: dict, names: dict[str, str]) -> Chart:
    """Return every comparison area ranked at the latest period, top and bottom 10% marked."""
    table = ranking_table(entry, names)
    fig = _figure(height=3.2)
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
    ax.set_xlabel("Rank of area (1 = highest)")
    ax.set_ylabel(entry["unit"])
    ax.legend(fontsize=7)
    ax.set_title(f"{entry['title']}: every area, latest period", fontsize=10)
    summary = f"{len(table)} areas ranked; the top and bottom 10% are marked"
    alt = f"Bar chart ranking {len(table)} areas by {entry['metric_name']}, with the top 10% and bottom 10% marked."
    return _render(fig, f"{entry['key']}-ranking", alt, summary, table)


def gap_chart(entry: dict) -> Chart:
    """Return the gap between the top and bottom 10% of areas over time."""
    table = gap_table(entry)
    fig = _figure(width=5, height=2.6)
    ax = fig.axes[0]
    positions = range(len(table))
    ax.plot(positions, table["gap"], color=BLUE, marker="s", label="Gap (top 10% minus bottom 10%)")
    ax.set_xticks(list(positions), list(table["period"]), rotation=45, fontsize=7)
    ax.set_xlabel("Period")
    ax.set_ylabel(entry["unit"])
    ax.legend(fontsize=7)
    first, last = table.iloc[0], table.iloc[-1]
    summary = f"The gap moved from {first['gap']:.2f} ({first['period']}) to {last['gap']:.2f} ({last['period']})"
    alt = f"Line chart of the gap in {entry['metric_name']} between the top and bottom 10% of areas. {summary}."
    return _render(fig, f"{entry['key']}-gap", alt, summary, table)


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


def _cell(x, y, colour, hatch):
    from matplotlib.patches import Rectangle

    return Rectangle((x + 0.05, y + 0.05), 0.9, 0.9, facecolor=colour, hatch=hatch, edgecolor=GREY, linewidth=0.5)
