"""Reference periods: parse every ONS ELS encoding into one canonical key per period. Pure: no Django.

The same period is written differently from release to release (`2024-04`, `2024-04-15/P1Y`, `2024-04-17`), so
the key keeps the start month and drops the day; annual intervals and instants share the form `YYYY-MM`, while
other durations keep theirs (`2017-01/P3Y`, `2023-07/P1M`).
"""

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?"
    r"(?:/P(?P<n>\d+)(?P<unit>[YM]))?$"
)


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    start: date
    months: int  # 0 for an instant or a bare month

    @property
    def key(self) -> str:
        base = f"{self.start:%Y-%m}"
        if self.months in (0, 12):
            return base
        return f"{base}/P{self.months // 12}Y" if self.months % 12 == 0 else f"{base}/P{self.months}M"

    @property
    def midpoint(self) -> float:
        """Return the period's centre in decimal years (an instant is its own centre)."""
        return self.start.year + (self.start.month - 1) / 12 + self.months / 24

    @property
    def label(self) -> str:
        """Return the period as a reader writes it: 2019, 2023/24, 2017 to 2019, April 2024."""
        return _label(self.start.year, self.start.month, self.months)


def parse_period(text: str) -> Period:
    """Return the Period an ONS ELS period string denotes, or raise PeriodError."""
    match = _PATTERN.match((text or "").strip())
    if not match:
        raise PeriodError(f"unrecognised period {text!r}")
    year, month = int(match["year"]), int(match["month"] or 1)
    if not 1 <= month <= 12:
        raise PeriodError(f"month out of range in {text!r}")
    if match["n"]:
        months = int(match["n"]) * (12 if match["unit"] == "Y" else 1)
    else:
        months = 12 if match["month"] is None else 0
    return Period(start=date(year, month, 1), months=months)


def period_from_key(key: str) -> Period:
    """Return the Period for a canonical key such as 2019-01 or 2017-01/P3Y; a bare key reads as a year."""
    return parse_period(key if "/" in key else f"{key}-01/P1Y")


# Period types a series can declare; a bare key (2024-04) is a year for the year types and a month otherwise.
YEAR_TYPES = frozenset({"year", "calendar_year", "financial_year", "academic_year"})
MONTH_TYPES = frozenset({"month", "instant"})
PERIOD_TYPES = YEAR_TYPES | MONTH_TYPES
_MONTHS = ("January February March April May June July August September October November December").split()
_KEY_IN_TEXT = re.compile(r"(?<![\d/-])(\d{4})-(0[1-9]|1[0-2])(/P\d+[YM])?(?![\d-])")


def period_label(key: str, *, period_type: str | None = None) -> str:
    """Return the human label of a canonical key: 2019, 2023/24, 2017 to 2019, April 2024; unreadable keys as given."""
    try:
        period = period_from_key(key)
    except (PeriodError, TypeError):
        return str(key or "")
    if "/" not in key and period_type in MONTH_TYPES:
        return _label(period.start.year, period.start.month, 0)
    return period.label


def label_periods_in(text: str, *, period_type: str | None = None) -> str:
    """Return text with every canonical period key in it replaced by its label (ISO dates are left alone)."""
    return _KEY_IN_TEXT.sub(lambda m: period_label(m.group(0), period_type=period_type), text or "")


def period_type_of(*, months: int, start_month: int) -> str:
    """Return the period type that a stored period's duration and start month imply."""
    if months in (0, 1):
        return "month"
    if months % 12:
        return "month"
    return {1: "calendar_year", 4: "financial_year"}.get(
        start_month, "academic_year" if start_month in (8, 9) else "year"
    )


def _label(year: int, month: int, months: int) -> str:
    if months in (0, 1):
        return f"{_MONTHS[month - 1]} {year}"
    if months % 12 == 0:
        first = _year(year, month)
        return first if months == 12 else f"{first} to {_year(year + months // 12 - 1, month)}"
    end = (year * 12 + month - 1) + months - 1
    end_year, end_month = divmod(end, 12)
    start = _MONTHS[month - 1] + ("" if end_year == year else f" {year}")
    return f"{start} to {_MONTHS[end_month]} {end_year}"


def _year(year: int, month: int) -> str:
    """Return a calendar year (2019) or a year that straddles two (2023/24)."""
    return str(year) if month == 1 else f"{year}/{(year + 1) % 100:02d}"
