"""What every public page shows: when the data was last updated."""

from django.core.cache import cache

from missions.caching import get_data_version
from missions.models import Release


def site(request):
    key = f"public:{get_data_version()}:last-release"
    latest = cache.get(key)
    if latest is None:
        latest = (
            Release.objects.filter(status=Release.Status.ACCEPTED).order_by("-fetched_at").values("fetched_at").first()
            or {}
        )
        cache.set(key, latest, timeout=3600)
    return {"site_name": "Levelling Up Missions Monitor", "data_last_updated": latest.get("fetched_at")}
