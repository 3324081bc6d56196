"""Template filters and tags that show periods, chances and statuses as a reader expects them."""

from datetime import date

from django import template

from missions.findings.numbers import format_number
from missions.ingestion.periods import period_label
from missions.ingestion.validation import STATUS_CODES
from missions.statuses import status_key

register = template.Library()


@register.filter
def period(key: str, period_type: str = "") -> str:
    """Render a canonical period key as its label: {{ row.period|period:metric.period_type }}."""
    return period_label(key, period_type=period_type or None)


@register.simple_tag
def get_status_key() -> list[dict]:
    """Return the key to the status words (the same on every page and in the report): {% get_status_key as key %}."""
    return status_key()


@register.filter
def iso_date(text: str) -> date | None:
    """Read an ISO date string (as stored in entries and snapshots) so the date filter can format it."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


@register.filter
def figure(value, places=1) -> str:
    """Render a number to the metric's places with thousands separators: {{ v|figure:metric.decimal_places }}."""
    if value is None or value == "":
        return "-"
    return format_number(float(value), int(places))


@register.simple_tag
def status_marker_key() -> str:
    """Return the publisher's status markers and their meanings, from the one table validation reads."""
    return "; ".join(f"{code} {meaning}" for code, meaning in STATUS_CODES.items())
