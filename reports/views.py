"""Report pages. Public views see only published reports: anything else is a 404, whatever the URL."""

import base64
import hashlib
import re
from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from missions.caching import public_cache
from reports.calendar import ical
from reports.models import Artefact, Report
from reports.selectors import list_calendar_entries, list_public_reports
from reports.services import preview_pdf, record_pre_release_access

STYLE = re.compile(rb"<style>(.*?)</style>", re.S)


def _public(series: str, version: int) -> Report:
    return get_object_or_404(list_public_reports(), series=series, version=version)


@public_cache
def archive(request):
    return render(request, "reports/report_list.html", {"reports": list_public_reports()})


@public_cache
def calendar(request):
    return render(request, "reports/calendar.html", {"entries": list_calendar_entries()})


@public_cache
def calendar_ics(request):
    text = ical(list_calendar_entries(), host=request.get_host())
    return HttpResponse(text, content_type="text/calendar; charset=utf-8")


@public_cache
def corrections(request):
    return render(request, "reports/corrections.html", {"reports": list_public_reports().exclude(correction_notice="")})


def latest_version(request, series):
    report = list_public_reports().filter(series=series).order_by("-version").first()
    if report is None:
        raise Http404("no published report")
    return redirect("reports:detail", series=series, version=report.version)


def detail(request, series, version):
    report = _public(series, version)
    return _serve(get_object_or_404(Artefact, report=report, name="report.html"))


def artefact(request, series, version, name):
    report = _public(series, version)
    return _serve(get_object_or_404(Artefact, report=report, name=name), download=not name.endswith(".html"))


def embargoed(view):
    """Let through staff who may view reports (with a verified device when two-factor is on), and no one else."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not admin.site.has_permission(request):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not request.user.has_perm("reports.view_report"):
            raise PermissionDenied("viewing a report before its release needs the view report permission")
        return view(request, *args, **kwargs)

    return guarded


@embargoed
def preview(request, pk, name):
    report = get_object_or_404(Report, pk=pk)
    record_pre_release_access(report=report, user=request.user, path=request.path)
    stored = Artefact.objects.filter(report=report, name=name).first()
    if stored is None and name == "report.pdf" and report.snapshot:
        stored = preview_pdf(report)  # a draft's PDF: rendered for this request, never stored
    if stored is None:
        raise Http404("no such file in this report")
    response = _serve(stored)
    response["Cache-Control"] = "private, no-store"
    return response


def allow_inline_styles(response: HttpResponse, content: bytes) -> HttpResponse:
    """Allow exactly the page's own <style> blocks, by hash, rather than any inline style."""
    hashes = [base64.b64encode(hashlib.sha256(m).digest()).decode() for m in STYLE.findall(content)]
    response._csp_update = {"style-src": [f"'sha256-{h}'" for h in hashes]}
    return response


def _serve(item: Artefact, download: bool = False) -> HttpResponse:
    content = bytes(item.content)
    response = HttpResponse(content, content_type=item.content_type)
    if item.content_type.startswith("text/html"):
        allow_inline_styles(response, content)
    response["ETag"] = f'"{item.sha256}"'
    if download:
        response["Content-Disposition"] = f'attachment; filename="{item.name.rsplit("/", 1)[-1]}"'
    return response
