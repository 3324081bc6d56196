"""Public metric and information pages: thin views over selectors, cached by data version.

The home and mission pages show the latest report too, so they live in reports.public_pages."""

import markdown
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from missions.caching import public_cache
from missions.methodology import methodology_text
from missions.models import Methodology, Metric, Source
from missions.selectors.comparison import list_method_comparison
from missions.selectors.devolved import list_devolved_series
from missions.selectors.findings import attach_findings
from missions.selectors.overview import attach_charts
from missions.selectors.pages import list_indicators_for
from missions.selectors.progress import get_latest_as_of, list_assessments, list_mission_entries


@public_cache
def metric_detail(request, slug):
    metric = get_object_or_404(Metric.objects.select_related("mission"), slug=slug)
    entries = list_mission_entries(list_assessments().filter(target__metric=metric))
    targets = [t for m in entries for t in m["targets"]]
    context = {
        "metric": metric,
        "entries": attach_charts(attach_findings(targets)),
        "indicators": list_indicators_for(metric),
        "devolved": list_devolved_series(metric_slug=metric.slug),
    }
    return render(request, "missions/metric_detail.html", context)


@public_cache
def methodology(request, version=None):
    versions = Methodology.objects.order_by("version")
    chosen = versions.filter(version=version).first() if version else versions.last()
    if chosen is None:
        raise Http404("no published method version")
    text = methodology_text(version=chosen.version, parameters=chosen.parameters)
    html = markdown.markdown(text, extensions=["tables"])
    html = html.replace("<h1>", '<h1 class="govuk-heading-xl">').replace("<h2>", '<h2 class="govuk-heading-l">')
    html = html.replace("<table>", '<table class="govuk-table">')
    return render(request, "missions/methodology.html", {"methodology": chosen, "html": html, "versions": versions})


@public_cache
def methodology_compare(request):
    rows = list_method_comparison()
    context = {"rows": rows, "changed": sum(1 for r in rows if r["changed"]), "as_of": get_latest_as_of()}
    return render(request, "missions/methodology_compare.html", context)


@public_cache
def licence(request):
    sources = [
        {
            "slug": s.slug,
            "publisher": s.publisher,
            "publisher_url": s.publisher_url,
            "latest": s.releases.filter(status="accepted")
            .order_by("-release_date")
            .values_list("release_date", flat=True)
            .first(),
        }
        for s in Source.objects.order_by("slug")
    ]
    return render(request, "missions/page_licence.html", {"sources": sources})


@public_cache
def accessibility(request):
    return render(request, "missions/page_accessibility.html")


@public_cache
def data(request):
    return render(request, "missions/page_data.html", {"metrics": Metric.objects.order_by("mission__number", "slug")})


def healthz(request):
    """Answer 200 when the database answers, 503 when it does not (the cache is optional and not checked)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
