"""Public pages: thin views over selectors."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from missions.selectors import list_missions_by_pillar


def home(request):
    return render(request, "missions/mission_list.html", {"pillars": list_missions_by_pillar()})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
