"""Match the indicator names in a file to a source's indicators, keeping renames as aliases."""

from missions.models import Indicator, Release, Source


def resolve_indicators(*, source: Source, names: list[str], release: Release) -> dict[str, int]:
    """Return {name in file: indicator id}, creating indicators for names never seen before."""
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
    for name in unresolved:
        resolved[name] = Indicator.objects.create(source=source, name=name, label=name).id
    return resolved
