"""Admin for sources and releases: cadence is editable; releases and observations are read-only records."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from missions.models import Indicator, Observation, Release, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("slug", "connector", "history_kind", "publisher", "check_every", "next_check_at", "last_outcome")
    list_filter = ("connector", "history_kind", "last_outcome")
    search_fields = ("slug", "name", "publisher")
    readonly_fields = ("last_checked_at", "last_outcome", "last_error", "etag", "last_modified", "content_hash")
    actions = ["check_now"]

    @admin.action(description="Check the selected sources at the next scheduler tick")
    def check_now(self, request, queryset):
        count = queryset.update(next_check_at=timezone.now())
        self.message_user(request, f"{count} source(s) will be checked within a minute.", messages.SUCCESS)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "source", "decimal_places")
    list_filter = ("source",)
    search_fields = ("name", "label", "source__slug")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "source",
        "release_date",
        "status",
        "added",
        "revised",
        "unchanged",
        "withdrawn",
        "fetched_at",
    )
    list_filter = ("status", "source")
    search_fields = ("source__slug", "sha256")
    date_hierarchy = "fetched_at"
    readonly_fields = ("validation_report",)
    exclude = ("report",)

    @admin.display(description="Validation report")
    def validation_report(self, obj):
        def rows(kind):
            return format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (kind, p["column"], p["reason"], p["count"], ", ".join(map(str, p.get("lines", []))))
                    for p in obj.report.get(kind + "s", [])
                ),
            )

        flagged = obj.report.get("flagged_revision_count", 0)
        return format_html(
            "<table><tr><th>kind</th><th>column</th><th>reason</th><th>rows</th><th>first lines</th></tr>{}{}</table>"
            "<p>Revisions flagged for review: {}</p>",
            rows("error"),
            rows("warning"),
            flagged,
        )


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "area_code", "period", "value", "lci", "uci", "status", "release", "superseded_by")
    list_filter = ("status",)
    search_fields = ("area_code", "indicator__name")
    list_select_related = ("indicator", "release", "superseded_by")
    show_full_result_count = False
