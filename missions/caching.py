"""Public pages and API responses, cached under a data version that changes whenever the data does.

Views opt in with @public_cache. PublicCacheMiddleware, near the top of the stack, serves anonymous GETs of those
responses from a per-process LRU in front of the shared cache (Redis in production), so a cached page costs about
what a static file does. Other processes see a new data version within VERSION_TTL seconds.
"""

import hashlib
import time
import uuid
from collections import OrderedDict
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone

from missions.public_parameters import get_cache_path
from missions.throttling import count_cached

VERSION_KEY = "public:data-version"
MODIFIED_KEY = "public:last-modified"
VERSION_TTL = 1.0
PRIVATE = ("/admin/", "/staff/")
API = "/api/"
_local_version: list = [None, 0.0]
_pages: OrderedDict = OrderedDict()
LOCAL_ENTRIES = 256


def get_data_version() -> str | None:
    """Return the current data version: a random token, so a lost or flushed cache never revives old pages.

    None when the shared cache cannot be reached: nothing is then cached, so nothing can go stale unseen.
    """
    value, expires = _local_version
    if value is not None and time.monotonic() < expires:
        return value
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    if version is not None:
        _local_version[:] = [version, time.monotonic() + VERSION_TTL]
    return version


def bump_data_version() -> None:
    """Invalidate every cached public page and API response (a release was accepted or a report published)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    cache.set(MODIFIED_KEY, timezone.now(), timeout=None)
    reset_local_state()


def reset_local_state() -> None:
    """Forget this process's copy of the version and its cached pages."""
    _local_version[:] = [None, 0.0]
    _pages.clear()


def get_last_modified() -> datetime | None:
    """Return when the public data last changed (the last bump; the service start before any); None if unknown."""
    modified = cache.get(MODIFIED_KEY)
    if modified is None:
        cache.add(MODIFIED_KEY, timezone.now().replace(microsecond=0), timeout=None)
        modified = cache.get(MODIFIED_KEY)
    return modified


def public_cache(view=None, *, params: tuple[str, ...] = ()):
    """Mark a view's responses as public: the same for every anonymous reader of the same data version.

    params names the query parameters the view reads; the cache ignores any other (missions/public_parameters.py).
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.public_cacheable = True
            return response

        wrapper.public_parameters = params
        return wrapper

    return decorate(view) if view is not None else decorate


def _is_public_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(PRIVATE)
    )


def _key(request, version: str) -> str:
    # Scheme and host are part of the key: absolute links (API pagination, the calendar) name the reader's own host.
    # Accept only where it chooses the format (the API's JSON, CSV or browsable page): elsewhere any made-up Accept
    # header would miss the cache and render again (a PDF summary takes seconds).
    accept = request.headers.get("Accept", "") if request.path.startswith(API) else ""
    parts = (request.scheme, request.get_host(), get_cache_path(request), accept)
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"public:{version}:{digest}"


def _remember(key: str, entry: tuple) -> None:
    _pages[key] = (time.monotonic() + settings.PUBLIC_CACHE_SECONDS, entry)
    _pages.move_to_end(key)
    while len(_pages) > LOCAL_ENTRIES:
        _pages.popitem(last=False)


def _respond(request, entry: tuple) -> HttpResponse:
    status, headers, content = entry
    etag = dict(headers).get("ETag")
    if etag and request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PublicCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_public_request(request):
            return self.get_response(request)
        request.get_host()  # DisallowedHost (a 400) before anything cached is served
        version = get_data_version()
        if version is None:  # the shared cache is down: serve uncached rather than risk a stale page
            return self.get_response(request)
        key = _key(request, version)
        local = _pages.get(key)
        entry = local[1] if local and local[0] > time.monotonic() else cache.get(key)
        if entry is not None:
            if refused := count_cached(request):
                return refused
            _remember(key, entry)
            return _respond(request, entry)
        response = self.get_response(request)
        if getattr(response, "public_cacheable", False) and response.status_code == 200 and not response.streaming:
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            entry = (response.status_code, list(response.items()), response.content)
            cache.set(key, entry, timeout=settings.PUBLIC_CACHE_SECONDS)
            _remember(key, entry)
        return response
