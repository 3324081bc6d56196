"""Admin for the catalogue: what a civil servant needs to find and edit missions, metrics and targets."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from missions.admin.forms import ReasonForm
from missions.models import Area, Framework, Metric, MetricSeries, Mission, Pillar, Target
from missions.services.governance import FIXED_AFTER_CREATION, record_series, save_catalogue_object


class PillarInline(admin.TabularInline):
    model = Pillar
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "published")
    search_fields = ("name", "slug")
    inlines = [PillarInline]


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "framework")
    list_filter = ("framework",)
    search_fields = ("name",)


class ReadOnlyInline(admin.TabularInline):
    """Listed for context; edited on their own page, where a reason is asked for."""

    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MetricInline(ReadOnlyInline):
    model = Metric
    fields = ("slug", "name", "role", "polarity", "unit")


class TargetInline(ReadOnlyInline):
    model = Target
    fields = ("key", "type", "value", "value_kind", "target_year", "baseline_period", "official", "status")


class ReasonedAdmin(SimpleHistoryAdmin):
    """Edits need a reason; the history view lists each change with its diff, author, time and reason."""

    form = ReasonForm
    history_list_display = ["history_change_reason"]

    def save_model(self, request, obj, form, change):
        # One governance door: the admin saves through the same service as every other route.
        save_catalogue_object(obj=obj, user=request.user, reason=form.cleaned_data["change_reason"])

    def get_readonly_fields(self, request, obj=None):
        fixed = FIXED_AFTER_CREATION[self.model._meta.model_name] if obj is not None else ()
        return (*self.readonly_fields, *fixed)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may *view* the history post its form, which reverts the object:
        # a revert is a change, so it needs the change permission like any other.
        if request.method == "POST" and not self.has_change_permission(
            request, self.get_object(request, unquote(object_id))
        ):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False  # retire with a date and a reason instead: nothing in the catalogue disappears


@admin.register(Mission)
class MissionAdmin(ReasonedAdmin):
    list_display = ("number", "short_name", "pillar", "target_year", "status", "framework")
    list_filter = ("framework", "pillar", "status")
    search_fields = ("short_name", "statement", "slug")
    inlines = [MetricInline]
    readonly_fields = ("targets_summary",)

    @admin.display(description="Targets")
    def targets_summary(self, obj):
        rows = Target.objects.filter(metric__mission=obj).select_related("metric")
        items = format_html_join(
            "",
            '<li><a href="{}">{}: {}</a> {}</li>',
            (
                (
                    reverse("admin:missions_target_change", args=[t.pk]),
                    t.metric.slug,
                    t.get_type_display(),
                    "" if t.value is None else t.value,
                )
                for t in rows
            ),
        )
        return format_html("<ul>{}</ul>", items)


class SeriesInline(admin.TabularInline):
    model = MetricSeries
    extra = 0


@admin.register(Metric)
class MetricAdmin(ReasonedAdmin):
    list_display = ("slug", "name", "mission", "role", "polarity", "publisher", "definition")
    list_filter = ("mission", "role", "polarity", "definition", "publisher")
    search_fields = ("slug", "name", "dataset")
    inlines = [SeriesInline, TargetInline]
    readonly_fields = ("series_read",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_series(metric=form.instance, user=request.user, reason=form.cleaned_data["change_reason"])


@admin.register(Target)
class TargetAdmin(ReasonedAdmin):
    list_display = (
        "metric",
        "key",
        "type",
        "value",
        "value_kind",
        "target_year",
        "baseline_period",
        "official",
        "status",
    )
    list_filter = ("type", "official", "status", "metric__mission")
    search_fields = ("metric__slug", "metric__name", "key", "gap_definition")
    list_select_related = ("metric",)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "first_year", "last_year")
    list_filter = ("level",)
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    raw_id_fields = ("parent", "country", "successor")
