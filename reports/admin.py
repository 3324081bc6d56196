"""Admin for reports: the workflow's actions call the services, which check permissions and the four-eyes rule."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html

from reports.drafting import rebuild_report
from reports.models import PreReleaseAccess, Report, ScheduleChange
from reports.services import approve_report, publish_due_reports_by, schedule_report


class ScheduleChangeInline(admin.TabularInline):
    model = ScheduleChange
    extra = 0
    can_delete = False
    readonly_fields = ("old_time", "new_time", "reason", "changed_by", "changed_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "version", "as_of", "status", "created_by", "approved_by", "scheduled_for", "published_at")
    list_filter = ("status",)
    search_fields = ("title", "series")
    readonly_fields = (
        "series",
        "version",
        "as_of",
        "status",
        "created_by",
        "approved_by",
        "approved_at",
        "scheduled_for",
        "published_at",
        "supersedes",
        "preview",
    )
    exclude = ("snapshot",)
    inlines = [ScheduleChangeInline]
    actions = ["approve", "schedule_default", "publish_due", "rebuild"]

    @admin.display(description="Preview")
    def preview(self, obj):
        url = reverse("reports:preview", args=[obj.pk, "report.html"])
        words, diff = reverse("reports:commentary", args=[obj.pk]), reverse("reports:diff", args=[obj.pk])
        return format_html(
            '<a href="{}">HTML</a> (views before publication are logged) · <a href="{}">Commentary</a> · '
            '<a href="{}">Differences from the previous draft and the last published report</a>',
            url,
            words,
            diff,
        )

    def has_add_permission(self, request):
        return False  # reports are built from data by build_report, never typed in

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Report.Status.DRAFT:
            return [f.name for f in Report._meta.fields if f.name != "snapshot"] + ["preview"]  # what was approved
        return self.readonly_fields

    def _run(self, request, queryset, action, done):
        for report in queryset:
            try:
                action(report)
                self.message_user(request, f"{report}: {done}", messages.SUCCESS)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{report}: {exc}", messages.ERROR)

    @admin.action(description="Approve (four eyes: not your own report)")
    def approve(self, request, queryset):
        self._run(request, queryset, lambda r: approve_report(report=r, user=request.user), "approved")

    @admin.action(description="Schedule for 09:30 on the next working day")
    def schedule_default(self, request, queryset):
        self._run(request, queryset, lambda r: schedule_report(report=r, user=request.user), "scheduled")

    @admin.action(description="Rebuild from the data as now published (the previous draft is kept for the diff)")
    def rebuild(self, request, queryset):
        self._run(request, queryset, lambda r: rebuild_report(report=r, user=request.user), "rebuilt, back to draft")

    @admin.action(description="Publish reports whose release time has come")
    def publish_due(self, request, queryset):
        try:
            published = publish_due_reports_by(user=request.user)
        except PermissionDenied as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(request, f"{len(published)} report(s) published.", messages.INFO)


@admin.register(PreReleaseAccess)
class PreReleaseAccessAdmin(admin.ModelAdmin):
    list_display = ("report", "user", "path", "viewed_at")
    list_filter = ("report",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record of who saw a report before its release is kept
