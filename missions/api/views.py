"""The read-only public API: every view is GET-only and shows exactly what the public pages show."""

import django_filters
from django.utils import timezone
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from missions.api import serializers as s
from missions.caching import public_cache
from missions.models import Area, Assessment, Indicator, Metric, Mission, Observation, Release, Target
from missions.selectors import list_observations_as_of
from missions.selectors.catalogue import get_indicator_ids
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


class ObservationFilter(django_filters.FilterSet):
    metric = django_filters.CharFilter(method="by_metric", help_text="metric slug")
    indicator = django_filters.NumberFilter(field_name="indicator_id")
    area = django_filters.CharFilter(field_name="area_code")
    level = django_filters.CharFilter(method="by_level", help_text="area level, e.g. Region")
    period_from = django_filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_to = django_filters.DateFilter(field_name="period_start", lookup_expr="lte")

    class Meta:
        model = Observation
        fields = ["metric", "indicator", "area", "level", "period_from", "period_to"]

    def by_metric(self, queryset, name, value):
        metric = Metric.objects.filter(slug=value).first()
        ids = [i for group in get_indicator_ids(metric=metric).values() for i in group] if metric else []
        return queryset.filter(indicator_id__in=ids)

    def by_level(self, queryset, name, value):
        return queryset.filter(area_code__in=Area.objects.filter(level__iexact=value).values("code"))


@cached
@extend_schema(
    parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, description="values as published on this date")]
)
class ObservationViewSet(ReadOnly):
    serializer_class = s.ObservationSerializer
    filterset_class = ObservationFilter
    extra_parameters = ("as_of",)  # read in get_queryset, so part of the public cache key

    def get_queryset(self):
        from datetime import date

        from rest_framework.exceptions import ValidationError

        text = self.request.query_params.get("as_of")
        try:
            as_of = date.fromisoformat(text) if text else None
        except ValueError as exc:
            raise ValidationError({"as_of": "use YYYY-MM-DD"}) from exc
        rows = list_observations_as_of(indicator_ids=Indicator.objects.values("id"), as_of=as_of)
        return rows.select_related("indicator__source", "release").order_by("indicator_id", "area_code", "period_start")


@cached
class AssessmentViewSet(ReadOnly):
    queryset = Assessment.objects.select_related("target__metric__mission", "methodology").order_by(
        "-as_of", "target__metric__mission__number", "target__metric__slug", "target__key", "breakdown"
    )
    serializer_class = s.AssessmentSerializer
    filterset_fields = [
        "as_of",
        "status",
        "breakdown",
        "target__metric__slug",
        "target__metric__mission__slug",
        "methodology__version",
    ]

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
