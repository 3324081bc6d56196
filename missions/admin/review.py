"""Admin pages to review a quarantined release and to confirm a pending one, through missions.services.review."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from missions.models import Release
from missions.selectors.catalogue import list_metric_slugs_for_sources
from missions.services.review import accept_with_held_back, confirm_release, reject_release
from missions.tasks import assess_metrics_task

HELD_SHOWN = 200


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept with the rows in error held back"), ("reject", "Reject the release")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Recorded with the release.")


class ConfirmForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", "Confirm: make it current"), ("reject", "Reject the release")], widget=forms.RadioSelect
    )
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Required to reject.")


class ReleaseReviewMixin:
    """Adds /review/ and /confirm/ pages to the release admin, plus the review record on each release."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/review/", wrap(self.review_view), name="missions_release_review"),
            path("<int:pk>/confirm/", wrap(self.confirm_view), name="missions_release_confirm"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk):
        if not request.user.has_perm("missions.review_release"):
            raise PermissionDenied
        release = get_object_or_404(Release, pk=pk)
        form = ReviewForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            service = accept_with_held_back if form.cleaned_data["decision"] == "accept" else reject_release
            if self._run(request, form, service, release=release, reason=form.cleaned_data["reason"]):
                return redirect("admin:missions_release_change", pk)
        return self._page(request, release, form, "Review quarantined release")

    def confirm_view(self, request, pk):
        if not request.user.has_perm("missions.confirm_release"):
            raise PermissionDenied
        release = get_object_or_404(Release, pk=pk)
        form = ConfirmForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if form.cleaned_data["decision"] == "confirm":
                done = self._run(request, form, confirm_release, release=release)
                if done:
                    reassess(release)
            else:
                done = self._run(request, form, reject_release, release=release, reason=form.cleaned_data["reason"])
            if done:
                return redirect("admin:missions_release_change", pk)
        return self._page(request, release, form, "Confirm release (second person)")

    def _run(self, request, form, service, **kwargs) -> bool:
        try:
            result = service(user=request.user, **kwargs)
        except (PermissionDenied, ValidationError) as exc:
            form.add_error(None, "; ".join(getattr(exc, "messages", [str(exc)])))
            return False
        self.message_user(request, getattr(result, "line", lambda: f"Release {result.pk}: {result.status}")())
        return True

    def _page(self, request, release, form, title):
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": title,
            "release": release,
            "report": self.validation_report(release),
            "held": self.held_back_rows(release),
        }
        return render(request, "admin/missions/release_review.html", context)

    @staticmethod
    def held_back_rows(obj):
        rows = obj.held_back.all()[:HELD_SHOWN]
        if not rows:
            return "none"
        return format_html(
            "<table><tr><th>line</th><th>indicator</th><th>area</th><th>period</th><th>why held back</th></tr>{}"
            "</table><p>{} row(s) held back: never stored or shown as values.</p>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                ((r.line, r.indicator, r.area_code, r.period, r.reason) for r in rows),
            ),
            obj.held_back.count(),
        )

    @staticmethod
    def review_record(obj):
        links = []
        if obj.status == Release.Status.QUARANTINED:
            links.append((reverse("admin:missions_release_review", args=[obj.pk]), "Review this release"))
        if obj.status == Release.Status.PENDING:
            confirm = reverse("admin:missions_release_confirm", args=[obj.pk])
            links.append((confirm, "Confirm or reject (second person)"))
        actions = format_html_join(" | ", '<a href="{}">{}</a>', links)
        return format_html(
            "<p>Reviewed by {} at {}: {}</p><p>Confirmed by {} at {}</p><p>{}</p>",
            obj.reviewed_by or obj.entered_by or "-",
            obj.reviewed_at or "-",
            obj.review_reason or "-",
            obj.confirmed_by or "-",
            obj.confirmed_at or "-",
            actions,
        )


def reassess(release: Release) -> None:
    """Queue the reassessment of the metrics a newly current release feeds (as an accepted ingest does)."""
    metrics = list_metric_slugs_for_sources(source_slugs=[release.source.slug])
    if metrics:
        assess_metrics_task.delay_on_commit(metrics)
