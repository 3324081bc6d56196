"""Admin for sources and releases: cadence is editable; releases and observations are read-only records."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.html import format_html, format_html_join

from missions.admin.forms import ManualEntryForm
from missions.admin.review import ReleaseReviewMixin
from missions.models import Indicator, IngestStatus, Observation, Release, Source
from missions.services.governance import add_source, request_ingest
from missions.services.manual import check_upload_size, enter_data


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("slug", "connector", "history_kind", "publisher", "check_every", "next_check_at", "last_outcome")
    list_filter = ("connector", "history_kind", "last_outcome")
    search_fields = ("slug", "name", "publisher")
    readonly_fields = ("last_checked_at", "last_outcome", "last_error", "etag", "last_modified", "content_hash")
    actions = ["check_now"]

    def save_model(self, request, obj, form, change):
        if not change:  # a new source is added by the governed service; the rest of the form is then saved on it
            obj.pk = add_source(user=request.user, slug=obj.slug, location=obj.location, connector=obj.connector).pk
            obj._state.adding = False
        super().save_model(request, obj, form, change)

    @admin.action(description="Check the selected sources at the next scheduler tick")
    def check_now(self, request, queryset):
        try:
            for source in queryset:
                request_ingest(user=request.user, source=source)
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"{queryset.count()} source(s) will be checked within a minute.", messages.SUCCESS)

    def get_urls(self):
        upload = path("enter-data/", self.admin_site.admin_view(self.enter_data_view), name="missions_source_enter")
        return [upload, *super().get_urls()]

    def enter_data_view(self, request):
        form = ManualEntryForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                check_upload_size(form.cleaned_data["file"].size)
                outcome = enter_data(
                    user=request.user,
                    source_slug=form.cleaned_data["source"],
                    csv_bytes=form.cleaned_data["file"].read(),
                    citation=form.cleaned_data["citation"],
                    release_date=form.cleaned_data["release_date"],
                )
            except (PermissionDenied, ValidationError) as exc:
                form.add_error(None, str(exc))
            else:
                level = (
                    messages.SUCCESS
                    if outcome.status in (IngestStatus.PENDING, IngestStatus.UNCHANGED)
                    else messages.ERROR
                )
                self.message_user(request, outcome.line(), level)
                if level == messages.SUCCESS:
                    return redirect("admin:missions_release_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "title": "Enter data by hand"}
        return render(request, "admin/missions/enter_data.html", context)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "source", "decimal_places")
    list_filter = ("source",)
    search_fields = ("name", "label", "source__slug")


SCOPES = {"row": "error in some rows (can be held back)", "file": "whole-file error (cannot be accepted)"}


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Release)
class ReleaseAdmin(ReleaseReviewMixin, ReadOnlyAdmin):
    list_display = (
        "id",
        "source",
        "release_date",
        "release_date_evidence",
        "status",
        "added",
        "revised",
        "notes_revised",
        "unchanged",
        "withdrawn",
        "fetched_at",
    )
    list_filter = ("status", "release_date_evidence", "source")
    search_fields = ("source__slug", "sha256")
    date_hierarchy = "fetched_at"
    readonly_fields = ("validation_report", "review", "held_back")
    exclude = ("report",)

    @admin.display(description="Review")
    def review(self, obj):
        return self.review_record(obj)

    @admin.display(description="Rows held back")
    def held_back(self, obj):
        return self.held_back_rows(obj)

    @admin.display(description="Validation report")
    def validation_report(self, obj):
        def rows(kind):
            return format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (
                        kind if kind == "warning" else SCOPES.get(p.get("scope"), kind),
                        p["column"],
                        p["reason"],
                        p["count"],
                        ", ".join(map(str, p.get("lines", []))),
                        ", ".join(map(str, p.get("examples", []))),
                    )
                    for p in obj.report.get(kind + "s", [])
                ),
            )

        flagged = obj.report.get("flagged_revision_count", 0)
        return format_html(
            "<table><tr><th>kind</th><th>column</th><th>reason</th><th>rows</th><th>first lines</th><th>examples</th>"
            "</tr>{}{}</table>"
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
