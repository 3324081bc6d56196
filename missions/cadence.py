"""When a source's next release is expected, from the frequency its metric states. Pure: no Django."""

from calendar import monthrange
from datetime import date

# The first word that matches decides: "annual (academic year; final Nov/Dec)" is annual.
MONTHS = (("quarterly", 3), ("monthly", 1), ("biennial", 24), ("annual", 12), ("yearly", 12))
# A source said to be irregular or event-driven now has no expected date, whatever it was before.
NO_CADENCE = ("irregular", "event", "ad hoc", "discontinued")


def expected_months(frequency: str) -> int | None:
    """Return the months between releases that a frequency text states, or None (event-driven, unknown)."""
    text = (frequency or "").lower()
    if any(word in text for word in NO_CADENCE):
        return None
    found = [(text.find(word), months) for word, months in MONTHS if word in text]
    return min(found)[1] if found else None


def next_expected(*, last: date | None, frequency: str) -> date | None:
    """Return the date the release after last is expected (same day, months later), or None."""
    months = expected_months(frequency)
    if last is None or months is None:
        return None
    year, month = divmod(last.month - 1 + months, 12)
    year, month = last.year + year, month + 1
    return date(year, month, min(last.day, monthrange(year, month)[1]))
