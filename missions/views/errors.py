"""Error pages: JSON under /api/ (what API clients expect), the site's own page elsewhere."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def bad_request(request, message: str):
    """Return a 400 without touching the database or templates (the request itself is the problem)."""
    if _is_api(request):
        return JsonResponse({"detail": message}, status=400)
    return HttpResponse(f"Bad request: {message}", status=400, content_type="text/plain; charset=utf-8")
