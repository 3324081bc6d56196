"""The read-only public API: every view is GET-only and shows exactly what the public pages show."""

from django.utils import timezone
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from missions.api import serializers as s
from missions.api.filters import AssessmentFilter, ObservationFilter
from missions.caching import public_cache
from missions.models import Area, Assessment, Indicator, Metric, Mission, Observation, Release, Target
from missions.selectors.coverage import list_coverage

cached = method_decorator(public_cache, name="dispatch")


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    pass


@cached
class MissionViewSet(ReadOnly):
    queryset = Mission.objects.select_related("framework", "pillar").order_by("framework__published", "number")
    serializer_class = s.MissionSerializer
    lookup_field = "slug"
    filterset_fields = ["status", "framework__slug"]


@cached
class MetricViewSet(ReadOnly):
    queryset = Metric.objects.select_related("mission").order_by("mission__number", "slug")
    serializer_class = s.MetricSerializer
    lookup_field = "slug"
    filterset_fields = ["role", "polarity", "definition", "mission__slug"]


@cached
class TargetViewSet(ReadOnly):
    queryset = Target.objects.select_related("metric").order_by("metric__slug", "key")
    serializer_class = s.TargetSerializer
    filterset_fields = ["type", "official", "status", "metric__slug"]


@cached
class AreaViewSet(ReadOnly):
    queryset = Area.objects.select_related("parent", "country", "successor").order_by("code")
    serializer_class = s.AreaSerializer
    lookup_field = "code"
    filterset_fields = ["level"]


@cached
class IndicatorViewSet(ReadOnly):
    queryset = Indicator.objects.select_related("source").order_by("source__slug", "name")
    serializer_class = s.IndicatorSerializer
    filterset_fields = ["source__slug"]


@cached
class ObservationViewSet(ReadOnly):
    queryset = Observation.objects.select_related("indicator__source", "release").order_by(
        "indicator_id", "area_code", "period_start"
    )
    serializer_class = s.ObservationSerializer
    filterset_class = ObservationFilter


@cached
class AssessmentViewSet(ReadOnly):
    queryset = Assessment.objects.select_related("target__metric__mission", "methodology").order_by(
        "-as_of", "target__metric__mission__number", "target__metric__slug", "target__key", "breakdown"
    )
    serializer_class = s.AssessmentSerializer
    filterset_class = AssessmentFilter

    def get_serializer_class(self):
        return s.AssessmentSummarySerializer if self.action == "list" else s.AssessmentSerializer


@cached
class ReleaseViewSet(ReadOnly):
    queryset = Release.objects.select_related("source").prefetch_related("held_back").order_by("-release_date", "-id")
    serializer_class = s.ReleaseSerializer
    filterset_fields = ["status", "source__slug"]


@cached
class CoverageViewSet(viewsets.ViewSet):
    """Every metric's coverage, as on the /coverage/ page."""

    serializer_class = s.CoverageSerializer

    @extend_schema(responses=s.CoverageSerializer(many=True))
    def list(self, request):
        rows = list_coverage(today=timezone.localdate())
        return Response(s.CoverageSerializer(rows, many=True).data)
