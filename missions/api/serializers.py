"""API serializers: plain read-only views of the public models."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from missions.ingestion.periods import Period, period_label
from missions.models import Area, Assessment, HeldBackRow, Indicator, Metric, Mission, Observation, Release, Target
from missions.selectors.devolved import list_devolved_series
from missions.statuses import status_label


class MissionSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.slug")
    pillar = serializers.IntegerField(source="pillar.number")

    class Meta:
        model = Mission
        fields = [
            "number",
            "slug",
            "short_name",
            "statement",
            "statement_source",
            "framework",
            "pillar",
            "target_year",
            "status",
            "retired_on",
            "retired_reason",
        ]


class DevolvedSeriesSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="the devolved nation's own source folder")
    nation = serializers.CharField()
    included = serializers.BooleanField(help_text="joined to this metric because the definitions match")
    statement = serializers.CharField(help_text="why it is or is not included, quoting the publishers' metadata")


class MetricSerializer(serializers.ModelSerializer):
    mission = serializers.CharField(source="mission.slug")
    devolved = serializers.SerializerMethodField()

    class Meta:
        model = Metric
        fields = [
            "slug",
            "name",
            "mission",
            "role",
            "unit",
            "polarity",
            "decimal_places",
            "period_type",
            "publisher",
            "dataset",
            "comparison_geography",
            "comparison_prefixes",
            "definition",
            "notes",
            "devolved",
        ]

    @extend_schema_field(DevolvedSeriesSerializer(many=True))
    def get_devolved(self, obj) -> list[dict]:
        return list_devolved_series(metric_slug=obj.slug)


class TargetChangeSerializer(serializers.Serializer):
    date = serializers.DateTimeField()
    field = serializers.CharField()
    old = serializers.CharField(allow_null=True)
    new = serializers.CharField(allow_null=True)
    reason = serializers.CharField()


class TargetListSerializer(serializers.ListSerializer):
    """Read the change history of a whole page of targets in one query, not one per target."""

    def to_representation(self, data):
        from missions.selectors.pages import list_target_changes

        targets = list(data.all() if hasattr(data, "all") else data)
        changes: dict[int, list[dict]] = {t.id: [] for t in targets}
        for change in list_target_changes(targets=targets):
            changes[change["target_id"]].append(change)
        self.child.context["changes"] = changes
        return super().to_representation(targets)


class TargetSerializer(serializers.ModelSerializer):
    metric = serializers.CharField(source="metric.slug")
    title = serializers.CharField(source="public_title", read_only=True)
    baseline_period_label = serializers.SerializerMethodField()
    changes = serializers.SerializerMethodField()

    class Meta:
        model = Target
        list_serializer_class = TargetListSerializer
        fields = [
            "id",
            "metric",
            "key",
            "title",
            "type",
            "value",
            "value_kind",
            "target_year",
            "baseline_period",
            "baseline_period_label",
            "area_code",
            "group",
            "benchmark_area",
            "gap_definition",
            "gap_measure",
            "gap_measure_reason",
            "official",
            "source",
            "status",
            "retired_on",
            "retired_reason",
            "data_gap",
            "changes",
        ]

    def get_baseline_period_label(self, obj) -> str:
        return period_label(obj.baseline_period, period_type=obj.metric.period_type) if obj.baseline_period else ""

    def get_changes(self, obj) -> list[dict]:
        from missions.selectors.pages import list_target_changes

        known = self.context.get("changes", {})
        changes = known[obj.id] if obj.id in known else list_target_changes(targets=[obj])
        return TargetChangeSerializer(
            [c | {"old": _text(c["old"]), "new": _text(c["new"])} for c in changes], many=True
        ).data


def _text(value):
    return None if value is None else str(value)


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.code", default=None, allow_null=True)
    country = serializers.CharField(source="country.code", default=None, allow_null=True)
    successor = serializers.CharField(source="successor.code", default=None, allow_null=True)

    class Meta:
        model = Area
        fields = ["code", "name", "level", "parent", "country", "successor", "first_year", "last_year"]


class IndicatorSerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source.slug")

    class Meta:
        model = Indicator
        fields = ["id", "source", "name", "aliases", "label", "decimal_places"]


class ObservationSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.name")
    period_label = serializers.SerializerMethodField()
    source = serializers.CharField(source="indicator.source.slug")
    release_date = serializers.DateField(source="release.release_date")

    class Meta:
        model = Observation
        fields = [
            "id",
            "source",
            "indicator",
            "area_code",
            "period",
            "period_label",
            "period_start",
            "period_months",
            "value",
            "lci",
            "uci",
            "status",
            "note",
            "release",
            "release_date",
            "superseded_by",
        ]

    def get_period_label(self, obj) -> str:
        return Period(start=obj.period_start, months=obj.period_months).label


class AssessmentSummarySerializer(serializers.ModelSerializer):
    """The list form: status and headline figures; the detail gives every input and intermediate."""

    mission = serializers.IntegerField(source="target.metric.mission.number")
    metric = serializers.CharField(source="target.metric.slug")
    target = serializers.CharField(source="target.key")
    title = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField()
    method_version = serializers.IntegerField(source="methodology.version")
    status_label = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="assessment-detail")

    class Meta:
        model = Assessment
        fields = [
            "id",
            "url",
            "mission",
            "metric",
            "target",
            "title",
            "breakdown",
            "as_of",
            "method_version",
            "status",
            "status_label",
            "reason",
            "probability",
            "summary",
        ]

    def get_title(self, obj) -> str:
        return obj.target.public_title(obj.breakdown)

    def get_reason(self, obj) -> str:
        from missions.judged import explain
        from missions.selectors.progress import subject_of

        return explain(obj.result, subject=subject_of(obj), probability=obj.probability)["headline"]

    def get_status_label(self, obj) -> str:
        return status_label(obj.status)

    def get_summary(self, obj) -> dict:
        from missions.entries import labelled_summary
        from missions.progress.summary import summarise

        return labelled_summary(summarise(obj.result), period_type=obj.target.metric.period_type)


class AssessmentSerializer(AssessmentSummarySerializer):
    """The detail form: the summary plus every input and intermediate, the releases used and the target values."""

    class Meta(AssessmentSummarySerializer.Meta):
        fields = [*AssessmentSummarySerializer.Meta.fields, "result", "release_ids", "target_snapshot"]


class HeldBackRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = HeldBackRow
        fields = ["line", "indicator", "area_code", "period", "reason"]


class ReleaseSerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source.slug")
    metadata_dates = serializers.ListField(child=serializers.DateField(), read_only=True)
    held_back = HeldBackRowSerializer(many=True, read_only=True, help_text="Rows not stored as values, and why.")

    class Meta:
        model = Release
        fields = [
            "id",
            "source",
            "release_date",
            "release_date_basis",
            "release_date_evidence",
            "observed_on",
            "supplied_date",
            "metadata_dates",
            "server_last_modified",
            "fetched_at",
            "sha256",
            "status",
            "added",
            "revised",
            "notes_revised",
            "unchanged",
            "withdrawn",
            "report",
            "review_reason",
            "reviewed_at",
            "confirmed_at",
            "held_back",
        ]


class CoverageReleaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    source = serializers.CharField()
    release_date = serializers.DateField()


class CoverageSerializer(serializers.Serializer):
    """One metric's coverage: source, last release, status and why, periods held, next expected release."""

    mission = serializers.IntegerField()
    mission_name = serializers.CharField()
    metric = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    units_note = serializers.CharField()
    publisher = serializers.CharField()
    dataset = serializers.CharField()
    frequency = serializers.CharField()
    sources = serializers.ListField(child=serializers.CharField())
    last_release = CoverageReleaseSerializer(allow_null=True)
    status = serializers.ChoiceField(choices=["connected", "data_refused", "awaiting_confirmation", "not_connected"])
    status_label = serializers.CharField()
    why = serializers.CharField()
    refused_release = CoverageReleaseSerializer(allow_null=True)
    periods_held = serializers.IntegerField()
    first_period = serializers.CharField()
    last_period = serializers.CharField()
    first_period_label = serializers.CharField()
    last_period_label = serializers.CharField()
    next_expected = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
