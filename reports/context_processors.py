"""The next announced release, shown on every public page (date and time only: nothing of its content)."""

from django.core.cache import cache

from missions.caching import get_data_version
from reports.selectors import list_upcoming_reports


def releases(request):
    key = f"public:{get_data_version()}:next-release"
    upcoming = cache.get(key)
    if upcoming is None:
        report = list_upcoming_reports().order_by("scheduled_for").values("scheduled_for", "as_of").first()
        upcoming = report or {}
        cache.set(key, upcoming, timeout=60)
    return {"next_release": upcoming}
