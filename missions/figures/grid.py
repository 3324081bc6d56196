"""The status grid: every mission's targets, each cell coloured, hatched and labelled by its status."""

import pandas as pd
from matplotlib.patches import Rectangle

from missions.figures.drawing import GREEN, GREY, ORANGE, VERMILION, Chart, new_figure, render

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
    table = pd.DataFrame([{"mission": m["number"], "target": e["title"], "status": e["status_label"]} for m, e in rows])
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
    counts = table["status"].value_counts()
    summary = "; ".join(f"{n} {label.lower()}" for label, n in counts.items())
    alt = f"Grid of the status of all {len(table)} assessed targets by mission: {summary}."
    return render(fig, "status-grid", alt, summary, table)


def _cell(x, y, colour, hatch):
    return Rectangle((x + 0.05, y + 0.05), 0.9, 0.9, facecolor=colour, hatch=hatch, edgecolor=GREY, linewidth=0.5)
