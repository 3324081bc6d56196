"""Rate limits by client address that hold whether a view or the public cache answers.

DRF's throttles run inside API views, which a cached response never reaches; PublicCacheMiddleware asks
count_cached() before serving a cached /api/ response, so a cached URL counts against the same budget ("anon").
The client address comes from REMOTE_ADDR, or from X-Forwarded-For counted back DJANGO_NUM_PROXIES hops.
"""

from functools import wraps

from django.http import JsonResponse
from rest_framework.throttling import SimpleRateThrottle

CACHED_SCOPES = (("/api/", "anon"),)


class ClientRateThrottle(SimpleRateThrottle):
    """A throttle of one scope keyed by client address, usable on a plain Django request."""

    def __init__(self, scope: str):
        self.scope = scope
        super().__init__()

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttled_response(throttle: SimpleRateThrottle) -> JsonResponse:
    wait = max(1, int(throttle.wait() or 1))
    response = JsonResponse({"detail": f"Request was throttled. Expected available in {wait} seconds."}, status=429)
    response["Retry-After"] = str(wait)
    return response


def count_cached(request) -> JsonResponse | None:
    """Count a request about to be served from the public cache; return a 429 if its client is over the limit."""
    scope = next((scope for prefix, scope in CACHED_SCOPES if request.path.startswith(prefix)), None)
    if scope is None:
        return None
    throttle = ClientRateThrottle(scope)
    return None if throttle.allow_request(request, None) else throttled_response(throttle)


def throttled(scope: str):
    """Limit how often one client may run a costly view: under @public_cache, so only renders count, not cache hits."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            throttle = ClientRateThrottle(scope)
            if not throttle.allow_request(request, None):
                return throttled_response(throttle)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
