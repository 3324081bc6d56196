"""Which query parameters a public view reads: only those can make one cached response differ from another.

The public cache keys a response on its path and these parameters alone, so /?x=1, /?x=2 ... are the cached /
rather than a new entry each (unknown parameters cannot fill the cache or bypass it).
"""

from django.urls import Resolver404, resolve
from django.utils.http import urlencode

API_PARAMETERS = frozenset({"page", "format"})


def known_parameters(request) -> frozenset[str]:
    """Return the query parameters the view at this path declares: its filters for the API, its own list else."""
    try:
        func = resolve(request.path_info).func
    except Resolver404:
        return frozenset()
    viewset = getattr(func, "cls", None)
    if viewset is None:
        return frozenset(getattr(func, "public_parameters", ()))
    filterset = getattr(viewset, "filterset_class", None)
    filters = filterset.base_filters if filterset else (getattr(viewset, "filterset_fields", None) or ())
    return API_PARAMETERS | set(filters) | set(getattr(viewset, "extra_parameters", ()))


def get_cache_path(request) -> str:
    """Return the path with only the query parameters its view reads, in the order they were given."""
    known = known_parameters(request)
    query = [(key, value) for key, values in request.GET.lists() if key in known for value in values]
    return request.path + (f"?{urlencode(query)}" if query else "")
