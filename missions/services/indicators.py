"""Match the indicator names in a file to a source's indicators, keeping renames as aliases."""

from typing import NamedTuple

from missions.models import Indicator, Release, Source


class Resolved(NamedTuple):
    by_name: dict[str, int]  # each indicator name in the file: its indicator's id
    source_ids: list[int]  # every indicator of the source, those created for this file included
    created: set[int]  # the indicators created for this file (nothing can be stored for them yet)


def resolve_indicators(*, source: Source, names: list[str], release: Release) -> Resolved:
    """Match the file's indicator names to the source's indicators, creating those never seen before."""
    known = list(source.indicators.all())
    resolved = {}
    for name in names:
        match = next((i for i in known if i.name == name or name in i.aliases), None)
        if match:
            resolved[name] = match.id
    unresolved = [n for n in names if n not in resolved]
    # A single-series file in a single-series source is the same series renamed (ONS swapped "Indicator" and
    # "Variable Name" between releases); anything else is a new series.
    if len(names) == 1 and len(unresolved) == 1 and len(known) == 1:
        indicator = known[0]
        indicator.aliases = [*indicator.aliases, unresolved[0]]
        indicator.save(update_fields=["aliases"])
        release.report.setdefault("warnings", []).append(
            {
                "column": "indicator",
                "reason": f"indicator renamed: {unresolved[0]!r} read as {indicator.name!r}",
                "count": 0,
                "lines": [],
                "examples": [],
            }
        )
        resolved[unresolved[0]] = indicator.id
        unresolved = []
    created = set()
    for name in unresolved:
        resolved[name] = Indicator.objects.create(source=source, name=name, label=name).id
        created.add(resolved[name])
    return Resolved(resolved, sorted({i.id for i in known} | created), created)
