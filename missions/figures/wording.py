"""What a chart says in words: a title stating the finding it shows, the value axis with its unit, the source line.

Titles are sentences of the generated finding (missions.findings) that the entry carries, so a chart never says
more than the figures; an entry without one is titled by its target.
"""

import textwrap


def finding_sentences(entry: dict) -> list[str]:
    """Return the sentences of the finding the entry carries (pages and snapshots attach one), else none."""
    return list((entry.get("finding") or {}).get("sentences") or [])


def finding_title(sentences: list[str], fallback: str, *, opening: tuple[str, ...] = ()) -> str:
    """Return the sentence that opens with `opening` (else the first, else the fallback) as a title."""
    chosen = next((s for s in sentences if opening and s.startswith(opening)), None)
    chosen = chosen or (sentences[0] if sentences else fallback)
    return chosen.rstrip(".")


def value_label(unit: str | None, measure: str = "") -> str:
    """Return a value axis label that names its unit: 'Years', 'Gap (years)', 'Value' when no unit is known."""
    unit = (unit or "").strip()
    if measure:
        text = f"{measure} ({unit})" if unit else measure
    else:
        text = unit[:1].upper() + unit[1:] if unit else "Value"
    return textwrap.fill(textwrap.shorten(text, 64, placeholder="..."), 32)


def source_line(entry: dict) -> str:
    """Return the chart's source: the publisher and the series, then the monitor's assessment and its method."""
    publisher, sources = entry.get("publisher") or "", entry.get("sources") or []
    data = f"{publisher} ({', '.join(sources)})" if publisher and sources else publisher or ", ".join(sources)
    version = entry.get("method_version") or entry.get("result", {}).get("method_version")
    method = f", method version {version}" if version else ""
    return f"Source: {data or 'the published series'}; assessment by the monitor{method}."
