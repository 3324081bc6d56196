"""API filter sets: as_of is a date filter with one meaning per endpoint, stated in the schema."""

import re

import django_filters
from django import forms

from missions.models import Area, Assessment, Metric, Observation
from missions.selectors.catalogue import get_indicator_ids
from missions.selectors.observations import filter_as_published

AS_OF_FORMAT = "%Y-%m-%d"
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ISODateField(forms.DateField):
    """A date written exactly YYYY-MM-DD in ASCII digits: strptime alone also takes 2026-6-30 and full-width digits."""

    def strptime(self, value, format):
        if not ISO_DATE.fullmatch(value):
            raise ValueError(f"not YYYY-MM-DD: {value!r}")
        return super().strptime(value, format)


class ISODateFilter(django_filters.DateFilter):
    field_class = ISODateField


def as_of_filter(meaning: str, **kwargs) -> django_filters.DateFilter:
    """Return the as_of filter: an ISO date only (YYYY-MM-DD), refused with a clear message otherwise."""
    return ISODateFilter(
        help_text=meaning,
        input_formats=[AS_OF_FORMAT],
        error_messages={"invalid": "as_of must be a date written YYYY-MM-DD, for example 2026-06-30."},
        **kwargs,
    )


class ObservationFilter(django_filters.FilterSet):
    as_of = as_of_filter(
        "Values as published at the end of this date: each value from the latest release published on or "
        "before it, so later revisions are not shown. Without as_of, the current values.",
        method="as_published_on",
    )
    metric = django_filters.CharFilter(method="by_metric", help_text="metric slug")
    indicator = django_filters.NumberFilter(field_name="indicator_id")
    area = django_filters.CharFilter(field_name="area_code")
    level = django_filters.CharFilter(method="by_level", help_text="area level, e.g. Region")
    period_from = django_filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_to = django_filters.DateFilter(field_name="period_start", lookup_expr="lte")

    class Meta:
        model = Observation
        fields = ["as_of", "metric", "indicator", "area", "level", "period_from", "period_to"]

    def filter_queryset(self, queryset):
        if self.form.cleaned_data.get("as_of") is None:
            queryset = filter_as_published(queryset, as_of=None)  # the current values, never every vintage at once
        return super().filter_queryset(queryset)

    def as_published_on(self, queryset, name, value):
        return filter_as_published(queryset, as_of=value)

    def by_metric(self, queryset, name, value):
        metric = Metric.objects.filter(slug=value).first()
        ids = [i for group in get_indicator_ids(metric=metric).values() for i in group] if metric else []
        return queryset.filter(indicator_id__in=ids)

    def by_level(self, queryset, name, value):
        return queryset.filter(area_code__in=Area.objects.filter(level__iexact=value).values("code"))


class AssessmentFilter(django_filters.FilterSet):
    as_of = as_of_filter(
        "Assessments made on the data as published on exactly this date (each assessment is stored with the date "
        "it was made for). Without as_of, the assessments of every date, newest first.",
        field_name="as_of",
    )

    class Meta:
        model = Assessment
        fields = [
            "as_of",
            "status",
            "breakdown",
            "target__metric__slug",
            "target__metric__mission__slug",
            "methodology__version",
        ]
