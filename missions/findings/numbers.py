"""Numbers as a report prints them: rounded by the metric's decimal places, with the unit in words. Pure."""

import math

_UNIT_PHRASES = (
    # (what the catalogue's unit starts with, prefix, suffix); the first match wins
    ("gbp million", "£", " million"),
    ("gbp per week", "£", " a week"),
    ("gbp per hour", "£", " an hour"),
    ("gbp per head", "£", " per head"),
    ("gbp per job", "£", " per job"),
    ("gbp", "£", ""),
    ("percent", "", "%"),
    ("%", "", "%"),
    ("years", "", " years"),
    ("minutes", "", " minutes"),
    ("score out of 10", "", " out of 10"),
    ("rate per 100,000", "", " per 100,000"),
    ("rate per million", "", " per million"),
    ("per 1,000 dwellings", "", " per 1,000 dwellings"),
)


def is_percent(unit: str) -> bool:
    """Return whether values of this unit are percentages (so changes are percentage points)."""
    return _phrase(unit)[2] == "%"


def _phrase(unit: str) -> tuple[str, str, str]:
    text = (unit or "").strip().lower()
    for start, prefix, suffix in _UNIT_PHRASES:
        if text.startswith(start):
            return start, prefix, suffix
    return "", "", ""


def format_number(value: float, places: int) -> str:
    """Return value rounded to places, with thousands separators; -0 prints as 0."""
    text = f"{abs(value):,.{max(places, 0)}f}"
    negative = value < 0 and float(text.replace(",", "")) != 0
    return ("-" if negative else "") + text


def format_value(value: float, *, unit: str, places: int) -> str:
    """Return a level in words: 62.9 years, 71.3%, £612.40 a week, 310.2 per 100,000."""
    _, prefix, suffix = _phrase(unit)
    number = format_number(value, places)
    if prefix and number.startswith("-"):
        return f"-{prefix}{number[1:]}{suffix}"
    return f"{prefix}{number}{suffix}"


def format_change(value: float, *, unit: str, places: int) -> str:
    """Return the size of a change (no sign): percentage points for percentages, else the unit."""
    size = abs(value)
    if is_percent(unit):
        return f"{format_number(size, places)} percentage points"
    return format_value(size, unit=unit, places=places)


def rate_places(value: float, places: int) -> int:
    """Return the places a yearly rate needs: the metric's, or enough for two significant figures if it is small."""
    if value == 0 or round(abs(value), places) != 0:
        return places
    return 1 - math.floor(math.log10(abs(value)))


def format_share(share: float) -> str:
    """Return a share (0 to 1) as a whole percentage."""
    return f"{round(share * 100):.0f}%"


# Beyond these a rounded percentage would claim certainty the projection does not have (0% or 100%).
PROBABILITY_FLOOR, PROBABILITY_CEILING = 0.01, 0.99


def probability_bound(p: float) -> str | None:
    """Return "below 1%" or "above 99%" for a probability beyond the bounds, else None."""
    if p < PROBABILITY_FLOOR:
        return "below 1%"
    if p > PROBABILITY_CEILING:
        return "above 99%"
    return None


def phrase_probability(p: float) -> str:
    """Return a probability as the report says it: "below 1%", "above 99%", or "about 35%" (nearest 5%)."""
    if bound := probability_bound(p):
        return bound
    nearest = 5 * round(p * 20)
    if nearest in (0, 100):
        nearest = round(p * 100)
    return f"about {nearest}%"


def likelihood(p: float) -> str:
    """Return what a probability of meeting the target means, in the words the report uses."""
    if p < PROBABILITY_FLOOR:
        return "will not be met"
    if p < 1 / 3:
        return "is unlikely to be met"
    if p <= 2 / 3:
        return "is about as likely as not to be met"
    if p <= PROBABILITY_CEILING:
        return "is likely to be met"
    return "will be met"
