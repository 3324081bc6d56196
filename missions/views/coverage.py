"""The public coverage page: every metric's source, status and next expected release."""

from django.shortcuts import render
from django.utils import timezone

from missions.caching import public_cache
from missions.selectors.coverage import list_coverage, list_unused_sources


@public_cache
def coverage(request):
    rows = list_coverage(today=timezone.localdate())
    overdue = [r for r in rows if r["overdue"]]
    context = {"rows": rows, "overdue": overdue, "unused": list_unused_sources()}
    return render(request, "missions/page_coverage.html", context)
