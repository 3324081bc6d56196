"""Staff pages for a draft: edit its commentary, and see how it differs from the report before it."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from reports.diff import diff_reports
from reports.drafting import edit_commentary
from reports.models import Report
from reports.services import record_pre_release_access
from reports.views import embargoed


class CommentaryForm(forms.Form):
    key_messages = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, help_text="One key message per line (Markdown)."
    )

    def __init__(self, *args, missions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for mission in missions:
            self.fields[mission["slug"]] = forms.CharField(
                label=f"Mission {mission['number']}: {mission['short_name']}",
                widget=forms.Textarea(attrs={"rows": 5}),
                required=False,
                help_text=mission.get("headline", ""),
            )


@embargoed
def commentary(request, pk):
    report = get_object_or_404(Report, pk=pk)
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied
    missions = report.snapshot.get("missions", [])
    texts = (report.commentary or {}).get("missions", {})
    initial = {"key_messages": "\n".join((report.commentary or {}).get("key_messages", []))} | texts
    form = CommentaryForm(request.POST or None, initial=initial, missions=missions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            edit_commentary(
                report=report,
                user=request.user,
                key_messages=data["key_messages"].splitlines(),
                missions={m["slug"]: data[m["slug"]] for m in missions},
            )
            return redirect("reports:commentary", pk=report.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    context = {"report": report, "form": form, "editable": not report.is_public}
    return render(request, "reports/report_commentary.html", context)


@embargoed
def diff(request, pk):
    report = get_object_or_404(Report, pk=pk)
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied
    record_pre_release_access(report=report, user=request.user, path=request.path)
    previous = Report.objects.filter(created_at__lt=report.created_at).exclude(pk=report.pk).order_by("-created_at")
    previous = previous.first()
    changes = diff_reports(
        old_snapshot=previous.snapshot if previous else {},
        old_commentary=previous.commentary if previous else {},
        snapshot=report.snapshot,
        commentary=report.commentary or {},
    )
    response = render(request, "reports/report_diff.html", {"report": report, "previous": previous, **changes})
    response["Cache-Control"] = "private, no-store"
    return response
