"""Devolved nations' series published in folders of their own: joined to a UK-wide metric only where the
definitions match, and otherwise stated on the metric (the catalogue's `devolved` entries, quoting the metadata)."""

from functools import cache

from missions.services.catalogue import read_catalogue

FIELDS = ("source", "nation", "included", "statement")


@cache
def _devolved_by_metric() -> dict[str, tuple[dict, ...]]:
    # The catalogue file is part of the code: read once per process.
    data = read_catalogue()
    return {m["slug"]: tuple({k: d[k] for k in FIELDS} for d in m.get("devolved", [])) for m in data["metrics"]}


def list_devolved_series(*, metric_slug: str) -> list[dict]:
    """Return each devolved nation's separate series for a metric: whether it is included, and why in words."""
    return [dict(d) for d in _devolved_by_metric().get(metric_slug, ())]
