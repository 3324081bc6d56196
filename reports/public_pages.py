"""The home and mission pages: the missions' assessments beside the latest published report.

They show both apps' data, so they live here (reports reads missions; missions never imports reports) and are
wired in tracker.urls under the missions namespace, as missions:home and missions:detail.
"""

from django.shortcuts import get_object_or_404, render

from missions.caching import public_cache
from missions.models import Mission
from missions.selectors.overview import get_mission_page, list_pillars_overview
from missions.selectors.pages import list_target_changes, list_targets_of
from missions.selectors.progress import get_latest_as_of
from reports.selectors import get_latest_report_summary, get_mission_changes


@public_cache
def home(request):
    context = {"pillars": list_pillars_overview(), "as_of": get_latest_as_of(), "report": get_latest_report_summary()}
    return render(request, "missions/mission_list.html", context)


@public_cache
def mission_detail(request, slug):
    mission = get_object_or_404(Mission.objects.select_related("pillar", "framework"), slug=slug)
    entry = get_mission_page(mission)
    context = {
        "mission": entry,
        "since_last_report": get_mission_changes(entry),
        "metrics": mission.metrics.order_by("role", "slug"),
        "changes": list_target_changes(targets=list_targets_of(mission)),
    }
    return render(request, "missions/mission_detail.html", context)
