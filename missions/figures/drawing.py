"""What every chart shares: the palette, the frozen Chart, titles, period axes, labels and saving.

Colours are the Okabe-Ito palette, and every series also differs by line style or marker, so charts stay readable
in greyscale and for colour-blind readers.
"""

import io
import textwrap
from dataclasses import dataclass, field
from functools import cached_property

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from missions.entries import AssessmentEntry
from missions.ingestion.periods import period_from_key, period_label

PNG_DPI = 110
# SVG text stays text (<text> elements a reader can select and search) instead of a path per glyph: a third the
# size and a third the drawing time. The browser draws it in the first font of matplotlib's sans-serif list it has.
SVG_TEXT = {"svg.fonttype": "none"}
BLUE, ORANGE, GREEN, GREY, VERMILION, SKY = "#0072B2", "#E69F00", "#009E73", "#595959", "#D55E00", "#56B4E9"


@dataclass(frozen=True)
class Chart:
    """A laid-out figure and what a reader needs beside it. Each format is drawn when first asked for, once: a page
    shows the SVG only, a report the SVG (HTML) and the PNG (PDF)."""

    name: str
    figure: Figure = field(repr=False, compare=False)
    alt: str
    summary: str
    table: pd.DataFrame
    series_labels: tuple[str, ...]
    axis_labels: tuple[str, str]
    places: int = 4  # decimal places the data table beside the chart shows
    title: str = ""
    source: str = ""

    @cached_property
    def svg(self) -> bytes:
        out = io.BytesIO()
        with matplotlib.rc_context(SVG_TEXT):
            self.figure.savefig(out, format="svg", metadata={"Date": None})
        return out.getvalue()

    @cached_property
    def png(self) -> bytes:
        # The canvas the layout measured the text with (lay_out): its renderer keeps every text's metrics.
        canvas = self.figure.canvas if isinstance(self.figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(self.figure)
        canvas.draw()  # encoded from the drawn buffer: savefig would draw again
        out = io.BytesIO()
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).convert("RGB")
        image.save(out, format="png", dpi=(PNG_DPI, PNG_DPI), compress_level=3)  # opaque figure: RGB is lossless
        return out.getvalue()

    def drawn(self) -> "Chart":
        """Return the chart with both formats drawn now (a report uses both)."""
        self.svg, self.png  # noqa: B018 - reading a cached property draws it
        return self


def render(
    fig: Figure, name: str, alt: str, summary: str, table: pd.DataFrame, places: int = 4, *, source: str = ""
) -> Chart:
    """Return the chart with its source line (if given) under it, laid out once for every format it is saved in."""
    ax = fig.axes[0]
    if source:
        width = round(fig.get_figwidth() * 19)
        fig.supxlabel(textwrap.fill(source, width), x=0.01, ha="left", fontsize=6.5, color=GREY)
    labels = tuple(h.get_label() for h in ax.get_legend_handles_labels()[0])
    title = " ".join(fig.get_suptitle().split())
    axes = (ax.get_xlabel(), ax.get_ylabel().replace("\n", " "))
    lay_out(fig)
    return Chart(name, fig, alt, summary, table, labels, axes, places, title, source)


def lay_out(fig: Figure) -> None:
    """Run the figure's constrained layout once, at the PNG's resolution, and keep it.

    savefig would lay the figure out in a dry-run draw before each real draw, for each format.
    """
    fig.set_dpi(PNG_DPI)
    FigureCanvasAgg(fig)  # a canvas whose renderer measures the text
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine(None)


def new_figure(width=7.0, height=3.6) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.add_subplot()
    return fig


def num(value: float, places: int) -> str:
    return f"{value:,.{places}f}"


def label_of(key: str, entry: AssessmentEntry) -> str:
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


def titles(fig: Figure, ax, title: str, *subtitles: str) -> None:
    """Put the title (the finding) above the chart and, under it, one line for each subtitle: the target, shading."""
    width = round(fig.get_figwidth() * 12)  # characters of a 10-point bold title that fit across the figure
    fig.suptitle(textwrap.fill(title, width), fontsize=10, x=0.01, ha="left", fontweight="bold")
    lines = [textwrap.shorten(s, round(fig.get_figwidth() * 18), placeholder="...") for s in subtitles if s]
    ax.set_title("\n".join(lines), fontsize=7, loc="left", color=GREY)
