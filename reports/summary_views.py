"""Printable one-page summaries of a mission and of an area (HTML and PDF), public and cached like other pages.

They live in reports, beside the PDF rendering: missions links to them by URL name and never imports reports.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from missions.caching import public_cache
from missions.models import Area, Mission
from missions.throttling import throttled
from reports.summaries import get_area_summary, get_mission_summary, render_summary_html, render_summary_pdf
from reports.views import allow_inline_styles


def _mission(slug: str) -> dict:
    return get_mission_summary(get_object_or_404(Mission.objects.select_related("pillar", "framework"), slug=slug))


def _area(code: str) -> dict:
    return get_area_summary(get_object_or_404(Area.objects.select_related("parent", "country"), code=code))


def _site(request) -> str:
    """Return the public site's address: a printed page names its links in full, the same for every reader (a
    cached page must not carry the Host header of whoever asked first)."""
    return settings.PUBLIC_SITE_URL.rstrip("/")


def _html(request, context: dict) -> HttpResponse:
    content = render_summary_html(context | {"site": _site(request)})
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    return allow_inline_styles(response, content.encode())


def _pdf(request, context: dict, name: str) -> HttpResponse:
    pdf, _ = render_summary_pdf(context | {"site": _site(request)})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}-summary.pdf"'
    return response


@public_cache
def mission_summary(request, slug):
    return _html(request, _mission(slug))


@public_cache
@throttled("summaries")  # each PDF render takes seconds of CPU (an area's, 12-18 s on the full data)
def mission_summary_pdf(request, slug):
    return _pdf(request, _mission(slug), f"mission-{slug}")


@public_cache
def area_summary(request, code):
    return _html(request, _area(code))


@public_cache
@throttled("summaries")
def area_summary_pdf(request, code):
    return _pdf(request, _area(code), f"area-{code}")
