"""Area pages: search by name or code, and how one area stands on every metric."""

from django.shortcuts import get_object_or_404, render

from missions.caching import public_cache
from missions.models import Area
from missions.selectors.pages import compare_area, search_areas


@public_cache(params=("q",))
def area_search(request):
    query = request.GET.get("q", "")
    return render(request, "missions/area_search.html", {"query": query, "areas": search_areas(query)})


@public_cache
def area_detail(request, code):
    area = get_object_or_404(Area.objects.select_related("parent", "country", "successor"), code=code)
    comparators = [c for c in (area.parent, area.country) if c is not None]
    context = {"area": area, "rows": compare_area(area), "comparators": comparators}
    return render(request, "missions/area_detail.html", context)
