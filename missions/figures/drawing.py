"""What every chart shares: the palette, the frozen Chart, titles, period axes, labels and saving.

Colours are the Okabe-Ito palette, and every series also differs by line style or marker, so charts stay readable
in greyscale and for colour-blind readers.
"""

import io
import textwrap
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from missions.ingestion.periods import period_from_key, period_label

BLUE, ORANGE, GREEN, GREY, VERMILION, SKY = "#0072B2", "#E69F00", "#009E73", "#595959", "#D55E00", "#56B4E9"


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


def render(fig: Figure, name: str, alt: str, summary: str, table: pd.DataFrame, places: int = 4) -> Chart:
    """Return the chart with the figure saved as PNG and SVG."""
    ax = fig.axes[0]
    labels = tuple(h.get_label() for h in ax.get_legend_handles_labels()[0])
    svg, png = io.BytesIO(), io.BytesIO()
    fig.savefig(png, format="png", dpi=110)
    fig.set_layout_engine("none")  # keep the constrained layout just computed: the SVG is not laid out again
    fig.savefig(svg, format="svg", metadata={"Date": None})
    axes = (ax.get_xlabel(), ax.get_ylabel())
    return Chart(name, svg.getvalue(), png.getvalue(), alt, summary, table, labels, axes, places)


def new_figure(width=7.0, height=3.6) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.add_subplot()
    return fig


def num(value: float, places: int) -> str:
    return f"{value:,.{places}f}"


def label_of(key: str, entry: dict) -> str:
    return period_label(key, period_type=entry.get("period_type")) if key else ""


def note(ax, x: float, y: float, text: str, colour: str) -> None:
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


def period_axis(ax, ticks: list[tuple[float, str]], period_type: str | None, keys) -> None:
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


def titles(fig: Figure, ax, title: str, subtitle: str) -> None:
    """Put the title above the chart and a one-line subtitle saying what the shaded areas are."""
    width = round(fig.get_figwidth() * 12)  # characters of a 10-point bold title that fit across the figure
    fig.suptitle(textwrap.fill(title, width), fontsize=10, x=0.01, ha="left", fontweight="bold")
    ax.set_title(
        textwrap.shorten(subtitle, round(fig.get_figwidth() * 18), placeholder="..."),
        fontsize=7,
        loc="left",
        color=GREY,
    )
