"""Release times: 09:30 Europe/London on the next working day (England and Wales bank holidays excluded)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays.country_holidays("GB", subdiv="ENG", years=day.year)


def default_release_time(*, now: datetime, release_time: str = "09:30") -> datetime:
    """Return release_time (London) on the first working day after now's London date."""
    day = now.astimezone(LONDON).date() + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    hour, minute = (int(x) for x in release_time.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)
