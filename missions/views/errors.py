"""Error pages: JSON under /api/ (what API clients expect), the site's own page elsewhere."""

import html
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)
DATABASE_DOWN = (OperationalError, InterfaceError)
# No template: the site's templates read the database through context processors, which may be what failed.
PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><h1>{message}</h1></body></html>"
)


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


def server_error(request):
    """Answer 503 (try again) when the database is unreachable, 500 otherwise; never query or render a site page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        logger.error("database unavailable: %s", error)
        return _plain(request, "The service is temporarily unavailable. Please try again shortly.", 503)
    return _plain(request, "Sorry, something went wrong on our side.", 500)


def _plain(request, message: str, status: int):
    if _is_api(request):
        response = JsonResponse({"detail": message}, status=status)
    else:
        page = PAGE.format(title=status, message=html.escape(message))
        response = HttpResponse(page, status=status, content_type="text/html; charset=utf-8")
    if status == 503:
        response["Retry-After"] = "30"
    return response
