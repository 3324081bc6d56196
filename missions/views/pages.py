"""Public mission, metric and information pages: thin views over selectors, cached by data version."""

from collections import Counter

import markdown
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.module_loading import import_string

from missions.caching import public_cache
from missions.methodology import methodology_text
from missions.models import Area, Methodology, Metric, Mission, Pillar, Source
from missions.selectors.comparison import list_method_comparison
from missions.selectors.devolved import list_devolved_series
from missions.selectors.findings import attach_findings, get_area_names, headline_of, list_named_areas
from missions.selectors.pages import get_charts, list_indicators_for, list_target_changes, list_targets_of
from missions.selectors.progress import (
    assessment_entry,
    get_latest_as_of,
    list_assessments,
    list_mission_entries,
    mission_entry,
)
from missions.statuses import status_key, status_label


def _with_charts(entries: list[dict]) -> list[dict]:
    codes = {c for e in entries for c in e["result"].get("figures", {}).get("latest_values", {})}
    names = dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
    return [e | {"charts": get_charts(e, names)} for e in entries]


def _in_key_order(item: tuple[str, int]) -> int:
    """Order a mission's status counts as the key lists them, best first."""
    order = [s["label"] for s in status_key()]
    return order.index(item[0]) if item[0] in order else len(order)


@public_cache
def home(request):
    missions = {m["number"]: m for m in list_mission_entries(list_assessments())}
    names = get_area_names(list_named_areas([t for m in missions.values() for t in m["targets"]]))
    headlines = {
        n: headline_of(attach_findings(m["targets"], names=names)) for n, m in missions.items() if m["targets"]
    }
    pillars = []
    in_order = Prefetch("missions", queryset=Mission.objects.order_by("number"))
    for pillar in Pillar.objects.prefetch_related(in_order).order_by("framework__published", "number"):
        rows = []
        for mission in pillar.missions.all():
            entry = missions.get(mission.number, {"targets": []})
            labels = Counter(status_label(t["status"]) for t in entry["targets"])
            counts = sorted(labels.items(), key=_in_key_order)
            rows.append(
                {
                    "number": mission.number,
                    "slug": mission.slug,
                    "short_name": mission.short_name,
                    "status": mission.status,
                    "counts": counts,
                    "headline": headlines.get(mission.number, ""),
                }
            )
        pillars.append({"name": pillar.name, "missions": rows})
    context = {
        "pillars": pillars,
        "as_of": get_latest_as_of(),
        "report": import_string(settings.LATEST_REPORT_SUMMARY)(),
    }
    return render(request, "missions/mission_list.html", context)


@public_cache
def mission_detail(request, slug):
    mission = get_object_or_404(Mission.objects.select_related("pillar", "framework"), slug=slug)
    entry = mission_entry(
        mission, [assessment_entry(a) for a in list_assessments().filter(target__metric__mission=mission)]
    )
    entry = entry | {
        "targets": _with_charts([t for t in entry["targets"] if t["role"] == "headline"])
        + [t | {"charts": []} for t in entry["targets"] if t["role"] != "headline"]
    }
    entry["targets"] = attach_findings(entry["targets"])
    context = {
        "mission": entry,
        "since_last_report": import_string(settings.MISSION_CHANGES)(entry),
        "metrics": mission.metrics.order_by("role", "slug"),
        "changes": list_target_changes(targets=list_targets_of(mission)),
    }
    return render(request, "missions/mission_detail.html", context)


@public_cache
def metric_detail(request, slug):
    metric = get_object_or_404(Metric.objects.select_related("mission"), slug=slug)
    entries = list_mission_entries(list_assessments().filter(target__metric=metric))
    targets = [t for m in entries for t in m["targets"]]
    context = {
        "metric": metric,
        "entries": _with_charts(targets),
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
