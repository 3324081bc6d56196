"""Staff pages for a draft: edit its commentary, and see how it differs from its previous draft and from the last
published report."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from reports.drafting import edit_commentary, list_staff_diffs
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
    record_pre_release_access(report=report, user=request.user, path=request.path)
    context = {"report": report, "diffs": list_staff_diffs(report)}
    response = render(request, "reports/report_diff.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
