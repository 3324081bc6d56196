"""The status grid: every mission's targets, each cell coloured, hatched and labelled by its status."""

import pandas as pd
from matplotlib.patches import Rectangle

from missions.figures.drawing import GREEN, GREY, ORANGE, VERMILION, Chart, new_figure, render, titles

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


def status_grid(snapshot: dict) -> Chart:
    """Return a grid of every mission's targets, each cell coloured, hatched and labelled by status."""
    rows = [(m, e) for m in snapshot["missions"] for e in m["targets"]]
    table = pd.DataFrame(
        [{"mission": m["number"], "target": e["title"], "status_label": e["status_label"]} for m, e in rows]
    )
    width = max(len(m["targets"]) for m in snapshot["missions"])
    fig = new_figure(width=9, height=0.42 * len(snapshot["missions"]) + 0.8)
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
    counts = table["status_label"].value_counts()
    summary = "; ".join(f"{n} {label.lower()}" for label, n in counts.items())
    title = f"Of {len(table)} assessed targets, {summary}"
    titles(fig, ax, title, "Each cell is one target, coloured and patterned by its status")
    alt = f"{title}. Grid of the status of every assessed target by mission."
    versions = sorted({str(e.get("method_version") or e["result"].get("method_version")) for _, e in rows} - {"None"})
    method = f", method version {', '.join(versions)}" if versions else ""
    source = f"Source: the monitor's assessments of the published series listed under Sources{method}."
    return render(fig, "status-grid", alt=alt, summary=summary, table=table, source=source)


def _cell(x, y, colour, hatch):
    return Rectangle((x + 0.05, y + 0.05), 0.9, 0.9, facecolor=colour, hatch=hatch, edgecolor=GREY, linewidth=0.5)
