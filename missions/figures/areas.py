"""Charts across areas: every area ranked at the latest period, and the gap between its top and bottom groups."""

from missions.figures.drawing import (
    BLUE,
    GREEN,
    GREY,
    SKY,
    VERMILION,
    Chart,
    label_of,
    new_figure,
    num,
    period_axis,
    render,
    titles,
)
from missions.figures.tables import gap_table, group_words, ranking_table


def ranking_chart(entry: dict, names: dict[str, str]) -> Chart:
    """Return every comparison area ranked at the latest period, its top and bottom groups marked."""
    table, share = ranking_table(entry, names), group_words(entry)
    figures = entry["result"].get("figures", {})
    period = label_of(figures.get("latest_period", ""), entry)
    fig = new_figure(height=3.4)
    ax = fig.axes[0]
    styles = {f"top {share}": (GREEN, "//"), f"bottom {share}": (VERMILION, "xx"), "": (SKY, "")}
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
    titles(fig, ax, entry["title"], f"Every area compared, {period}: each bar is one area" if period else "")
    summary = f"{len(table)} areas ranked{' in ' + period if period else ''}; the top and bottom {share} are marked"
    alt = f"Bar chart for the target '{entry['title']}': {len(table)} areas ranked, the top and bottom {share} marked."
    return render(fig, f"{entry['key']}-ranking", alt, summary, table, entry.get("decimal_places", 1))


def gap_chart(entry: dict) -> Chart:
    """Return the gap between the top and bottom groups of areas over time."""
    table, share = gap_table(entry), group_words(entry)
    places = entry.get("decimal_places", 1)
    fig = new_figure(height=3.0)
    ax = fig.axes[0]
    positions = list(range(len(table)))
    ax.plot(positions, table["gap"], color=BLUE, marker="s")
    period_axis(ax, list(zip(positions, table["period_label"], strict=True)), entry.get("period_type"), table["period"])
    ax.set_ylabel(entry["unit"])
    subtitle = f"Mean of the top {share} minus mean of the bottom {share}"
    titles(fig, ax, f"Gap between the top and bottom {share} of areas", subtitle)
    first, last = table.iloc[0], table.iloc[-1]
    summary = (
        f"The gap moved from {num(first['gap'], places)} ({first['period_label']}) "
        f"to {num(last['gap'], places)} ({last['period_label']})"
    )
    alt = (
        f"Line chart for the target '{entry['title']}': the gap between the top and bottom {share} of areas. {summary}."
    )
    return render(fig, f"{entry['key']}-gap", alt, summary, table, places + 1)
