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
        years = self.months // 12
        if self.months == 12 and self.start.month == 1:
            return str(self.start.year)
        if self.months == 12:
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        if years > 1 and self.months % 12 == 0:
            return f"{self.start.year}-{self.start.year + years - 1}"
        return f"{self.start:%b %Y}" + (f" ({self.months} months)" if self.months else "")


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
