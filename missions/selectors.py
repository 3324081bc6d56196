"""Reads for pages, API and reports."""

from django.db.models import Prefetch

from missions.models import Mission, Pillar


def list_missions_by_pillar():
    """Return pillars with their active framework missions, in order."""
    missions = Mission.objects.order_by("number").prefetch_related("metrics")
    return Pillar.objects.select_related("framework").prefetch_related(Prefetch("missions", queryset=missions))
