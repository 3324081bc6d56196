"""The published methodology text, rendered with a stored method version's parameters."""

from pathlib import Path

from django.template import Context, Engine

HERE = Path(__file__).resolve().parent
_ENGINE = Engine(autoescape=False)


def methodology_text(*, version: int, parameters: dict) -> str:
    """Return the Markdown text of a method version with its thresholds filled in."""
    source = (HERE / f"v{version}.md").read_text(encoding="utf-8")
    context = dict(parameters)
    context |= {
        "group_share_percent": f"{parameters['group_share'] * 100:g}",
        "every_area_worsening_share_percent": f"{parameters['every_area_worsening_share'] * 100:g}",
        "on_track_percent": f"{parameters['on_track_ratio'] * 100:g}",
        "acceleration_percent": f"{parameters['acceleration_ratio'] * 100:g}",
        "fan_quantiles_percent": ", ".join(f"{q * 100:g}" for q in parameters["fan_quantiles"]),
    }
    return _ENGINE.from_string(source).render(Context(context))
