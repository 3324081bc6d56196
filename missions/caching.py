"""Public pages and API responses are cached under a data version that changes whenever the data does."""

import hashlib
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "public:data-version"
MODIFIED_KEY = "public:last-modified"


def get_data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_data_version() -> None:
    """Invalidate every cached public page and API response (a release was accepted or a report published)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    cache.set(MODIFIED_KEY, timezone.now(), timeout=None)


def get_last_modified() -> datetime:
    """Return when the public data last changed (the last bump; the service start before any)."""
    modified = cache.get(MODIFIED_KEY)
    if modified is None:
        modified = timezone.now().replace(microsecond=0)
        cache.add(MODIFIED_KEY, modified, timeout=None)
    return cache.get(MODIFIED_KEY, modified)


def public_cache(view):
    """Cache an anonymous GET response under the current data version."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = getattr(request, "user", None)
        if request.method != "GET" or (user is not None and user.is_authenticated):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode() + request.headers.get("Accept", "").encode())
        key = f"public:{get_data_version()}:{path.hexdigest()}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200:
                cache.set(key, response, timeout=settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapper
