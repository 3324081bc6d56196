"""Published reports in the API: the same rule as the pages, so nothing embargoed is ever listed."""

from django.urls import reverse
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from missions.caching import public_cache
from reports.changes import compare_snapshots
from reports.models import Report
from reports.selectors import list_public_reports


class ReportSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    artefacts = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "series",
            "version",
            "title",
            "as_of",
            "status",
            "published_at",
            "correction_notice",
            "url",
            "artefacts",
        ]

    def get_url(self, obj) -> str:
        return reverse("reports:detail", args=[obj.series, obj.version])

    def get_artefacts(self, obj) -> list[str]:
        return [reverse("reports:artefact", args=[obj.series, obj.version, a.name]) for a in obj.artefacts.all()]


@method_decorator(public_cache, name="dispatch")
class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportSerializer
    filterset_fields = ["series", "status"]

    def get_queryset(self):
        return list_public_reports().prefetch_related("artefacts")

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True)
    def changes(self, request, pk=None):
        """What changed since the last published report: status moves, new releases, revisions, target changes."""
        return Response(self.get_object().snapshot.get("changes") or compare_snapshots(None, {}))
