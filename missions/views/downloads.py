"""Downloads: a CSV per metric and a zip of everything, served as built by build_downloads, never built here."""

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date

from missions.models import Download, Metric
from missions.services.downloads import ALL, csv_name
from missions.tasks import build_downloads_task
from missions.throttling import ClientRateThrottle, throttled_response

RETRY_SECONDS = 120
REQUESTED_KEY = "downloads:build-requested"


def metric_csv(request, slug):
    return _serve(request, csv_name(slug), exists=lambda: Metric.objects.filter(slug=slug).exists())


def download_all(request):
    return _serve(request, ALL, exists=lambda: True)


def _serve(request, name: str, *, exists):
    throttle = ClientRateThrottle("downloads")
    if not throttle.allow_request(request, None):
        return throttled_response(throttle)
    download = Download.objects.filter(name=name).first()
    if download is None:
        if not exists():
            raise Http404("no such download")
        return _not_built_yet()
    etag = f'"{download.sha256}"'
    headers = {"ETag": etag, "Last-Modified": http_date(download.built_at.timestamp()), "Cache-Control": "public"}
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers=headers)
    response = FileResponse(
        download.file.open("rb"), as_attachment=True, filename=name, content_type=download.content_type
    )
    for header, value in headers.items():
        response[header] = value
    return response


def _not_built_yet() -> HttpResponse:
    # Ask a worker for a build at most once per wait; in-process Celery (no Redis) would build inside this request.
    if not settings.CELERY_TASK_ALWAYS_EAGER and cache.add(REQUESTED_KEY, 1, timeout=RETRY_SECONDS):
        build_downloads_task.delay()
    response = HttpResponse(
        "This download is being prepared. Please try again in a few minutes.",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_SECONDS)
    return response
