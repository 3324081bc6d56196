"""Area pages: search by name or code, how one area stands on every metric, and two or three areas side by side."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode

from missions.caching import public_cache
from missions.figures.area_lines import area_lines_chart
from missions.models import Area, Metric
from missions.selectors.area_charts import chart_title
from missions.selectors.areas import compare_area, compare_areas, get_area_lines, list_comparators, list_metrics
from missions.selectors.pages import search_areas
from missions.views.area_choice import AreaChoiceError, parse_area_codes

AREAS = Area.objects.select_related("parent", "country", "successor")


@public_cache(params=("q",))
def area_search(request):
    query = request.GET.get("q", "")
    return render(request, "missions/area_search.html", {"query": query, "areas": search_areas(query)})


@public_cache
def area_detail(request, code):
    area = get_object_or_404(AREAS, code=code)
    metrics = list_metrics()
    rows = compare_area(area, metrics=metrics)
    shown = {row["metric"].pk for row in rows}
    unreported = [m for m in metrics[0] if m.pk not in shown]
    context = {"area": area, "rows": rows, "comparators": list_comparators(area), "unreported": unreported}
    return render(request, "missions/area_detail.html", context)


@public_cache(params=("breakdown",))
def area_chart(request, code, slug):
    """Return the SVG of an area's series beside its region, nation and the UK (the page holds its data table)."""
    area = get_object_or_404(AREAS, code=code)
    metric = get_object_or_404(Metric.objects.prefetch_related("series"), slug=slug)
    breakdown = request.GET.get("breakdown", "")
    lines = get_area_lines(area, metric=metric, breakdown=breakdown)
    if not lines:
        raise Http404("No values of this metric for this area.")
    chart = area_lines_chart(
        name=f"{area.code}-{metric.slug}",
        title=chart_title(metric, breakdown),
        unit=metric.unit,
        places=metric.decimal_places,
        period_type=metric.period_type or None,
        lines=lines,
    )
    return HttpResponse(chart.svg, content_type="image/svg+xml")


@public_cache(params=("areas",))
def area_compare(request):
    given = request.GET.getlist("areas")
    try:
        codes = parse_area_codes(given)
        areas = _find(codes)
    except AreaChoiceError as error:
        context = {"error": error.message, "given": [c[:12] for c in given[:3]]}
        return render(request, "missions/area_compare.html", context, status=error.status)
    if given != codes:  # one address per choice: lower case, spaces and blank fields must not each fill the cache
        query = urlencode([("areas", code) for code in codes])
        return HttpResponseRedirect(reverse("missions:area-compare") + (f"?{query}" if query else ""))
    context = {"areas": areas, "rows": compare_areas(areas) if areas else [], "given": codes}
    return render(request, "missions/area_compare.html", context)


def _find(codes: list[str]) -> list[Area]:
    found = {a.code: a for a in AREAS.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise AreaChoiceError(f"No area has the code {' or '.join(missing)}.", status=404)
    return [found[c] for c in codes]
