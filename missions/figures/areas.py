"""Charts across areas: every area ranked at the latest period, and the gap between its top and bottom groups."""

from missions.entries import AssessmentEntry
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
from missions.figures.wording import finding_sentences, finding_title, source_line, value_label

INTERVAL = "95% interval of the latest gap, from the resampled change since the baseline"


def ranking_chart(entry: AssessmentEntry, names: dict[str, str]) -> Chart:
    """Return every comparison area ranked at the latest period, top and bottom groups marked, titled by the finding."""
    table, share = ranking_table(entry, names), group_words(entry)
    figures = entry["result"].get("figures", {})
    period = label_of(figures.get("latest_period", ""), entry)
    fig = new_figure(height=3.9)
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
    ax.set_ylabel(value_label(entry.get("unit")))
    ax.legend(fontsize=7)
    fallback = f"{entry['title']}: every area ranked" + (f", {period}" if period else "")
    title = finding_title(finding_sentences(entry), fallback, opening=(f"In {period} the highest",))
    shown = f"Every area compared, {period}: each bar is one area" if period else "Each bar is one area"
    titles(fig, ax, title, f"Target: {entry['title']}", shown)
    summary = f"{len(table)} areas ranked{' in ' + period if period else ''}; the top and bottom {share} are marked"
    alt = f"{title}. Bar chart of {len(table)} areas ranked, the top and bottom {share} marked, for '{entry['title']}'."
    return render(
        fig,
        f"{entry['key']}-ranking",
        alt=alt,
        summary=summary,
        table=table,
        source=source_line(entry),
        places=entry.get("decimal_places", 1),
    )


def gap_chart(entry: AssessmentEntry) -> Chart:
    """Return the gap between the top and bottom groups of areas over time, with the latest gap's 95% interval."""
    table, share = gap_table(entry), group_words(entry)
    places = entry.get("decimal_places", 1)
    fig = new_figure(height=3.6)
    ax = fig.axes[0]
    positions = list(range(len(table)))
    ax.plot(positions, table["gap"], color=BLUE, marker="s", label="Gap")
    bounded = table.dropna(subset=["lci", "uci"])
    if len(bounded):
        at = [positions[i] for i in bounded.index]
        spread = [(bounded["gap"] - bounded["lci"]).tolist(), (bounded["uci"] - bounded["gap"]).tolist()]
        bars = ax.errorbar(at, bounded["gap"], yerr=spread, fmt="none", ecolor=SKY, capsize=4, label=INTERVAL)
        bars.lines[2][0].set_gid("change-interval")
        ax.legend(fontsize=7)
    period_axis(ax, list(zip(positions, table["period_label"], strict=True)), entry.get("period_type"), table["period"])
    ax.set_ylabel(value_label(entry.get("unit"), "Gap"))
    fallback = f"{entry['title']}: the gap between the top and bottom {share} of areas"
    title = finding_title(finding_sentences(entry), fallback, opening=("The gap in",))
    measure = f"Gap: mean of the top {share} of areas minus mean of the bottom {share}"
    titles(fig, ax, title, f"Target: {entry['title']}", measure)
    first, last = table.iloc[0], table.iloc[-1]
    summary = (
        f"The gap moved from {num(first['gap'], places)} ({first['period_label']}) "
        f"to {num(last['gap'], places)} ({last['period_label']})"
    )
    interval = f", with {INTERVAL.lower()}" if len(bounded) else ""
    alt = f"{title}. Line chart of the gap between the top and bottom {share} of areas by period{interval}. {summary}."
    return render(
        fig, f"{entry['key']}-gap", alt=alt, summary=summary, table=table, source=source_line(entry), places=places + 1
    )
