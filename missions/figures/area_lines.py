"""An area's series beside its region, nation and the UK: a small line chart and the words that describe it. Pure.

A line is (name, [(period key, value), ...]) in period order, usable values only (no suppressed markers).
"""

import pandas as pd

from missions.figures.drawing import BLUE, GREY, ORANGE, VERMILION, Chart, new_figure, period_axis, render, titles
from missions.findings.numbers import format_value
from missions.findings.ranks import plain_name
from missions.ingestion.periods import period_from_key, period_label

Line = tuple[str, list[tuple[str, float]]]
# The area first and boldest; each comparator differs by line style and marker as well as colour.
STYLES = [(BLUE, "-", "o", 2.0), (ORANGE, "--", "s", 1.2), (VERMILION, "-.", "^", 1.2), (GREY, ":", "D", 1.2)]


def lines_table(lines: list[Line], *, period_type: str | None) -> pd.DataFrame:
    """Return one row per period (key and label) with one column per line, blank where a line has no value."""
    periods = sorted({p for _, points in lines for p, _ in points}, key=period_from_key)
    frame = pd.DataFrame({"period": periods})
    frame["period_label"] = [period_label(p, period_type=period_type) for p in periods]
    for name, points in lines:
        frame[name] = frame["period"].map(dict(points))
    return frame


def describe_lines(
    *, title: str, unit: str, places: int, period_type: str | None, lines: list[Line]
) -> tuple[str, str]:
    """Return the chart's alt text and one-line summary: what is drawn, over which periods, the area's latest value."""
    if not lines:
        return f"{title}: no values to draw.", f"{title}: no values"
    periods = sorted({p for _, points in lines for p, _ in points}, key=period_from_key)
    first, last = (period_label(p, period_type=period_type) for p in (periods[0], periods[-1]))
    names = [name for name, _ in lines]
    drawn = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    span = _span(first, last, len(periods))
    area, points = lines[0]
    period, value = points[-1]
    shown = format_value(value, unit=unit, places=places)
    latest = f"latest for {area} {shown} ({period_label(period, period_type=period_type)})"
    summary = f"{title}: {drawn}, {span}; {latest}"
    return f"Line chart of {plain_name(title)} in {unit} for {drawn}, {span}; {latest}.", summary


def _span(first: str, last: str, count: int) -> str:
    if count == 1:
        return first
    if " to " in first + last:  # multi-year periods read "2017 to 2019": "from ... to ..." would be ambiguous
        return f"{count} periods, the first {first} and the latest {last}"
    return f"{count} periods from {first} to {last}"


def area_lines_chart(
    *, name: str, title: str, unit: str, places: int, period_type: str | None, lines: list[Line]
) -> Chart:
    """Return a small line chart of the area's series beside its comparators', each in its own style."""
    fig = new_figure(width=5.0, height=2.9)
    ax = fig.axes[0]
    for (label, points), (colour, style, marker, width) in zip(lines, STYLES, strict=False):
        times = [period_from_key(p).midpoint for p, _ in points]
        ax.plot(
            times,
            [v for _, v in points],
            color=colour,
            linestyle=style,
            marker=marker,
            markersize=4,
            linewidth=width,
            label=label,
        )
    table = lines_table(lines, period_type=period_type)
    ticks = [
        (period_from_key(p).midpoint, label) for p, label in zip(table["period"], table["period_label"], strict=True)
    ]
    if ticks:
        period_axis(ax, ticks, period_type, table["period"])
    ax.set_ylabel(unit, fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    if lines:
        ax.legend(fontsize=6, loc="best")
    titles(fig, ax, title, "")
    alt, summary = describe_lines(title=title, unit=unit, places=places, period_type=period_type, lines=lines)
    return render(fig, name, alt, summary, table, places)
