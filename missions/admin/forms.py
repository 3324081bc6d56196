"""Admin forms: every change to a mission, metric or target says why."""

from django import forms


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required. Published with the old and new values in the public change log.",
    )


class ManualEntryForm(forms.Form):
    source = forms.SlugField(help_text="A slug for this manual series, e.g. devolution-deal-coverage")
    file = forms.FileField(help_text="CSV in the ONS ELS layout: areacd, areanm, indicator, period, observation, ...")
    citation = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Where the figures come from.")
    release_date = forms.DateField(help_text="The publisher's release date of these figures (YYYY-MM-DD).")
