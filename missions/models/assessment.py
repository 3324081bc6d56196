"""Assessments: the status of each target at an as-of date, with every input, by a stored method version."""

from django.db import models
from django.utils import timezone

from missions.models.catalogue import Target


class Methodology(models.Model):
    """A published version of the progress method; its parameters are the thresholds the rules use."""

    version = models.PositiveSmallIntegerField(unique=True)
    parameters = models.JSONField()
    published_on = models.DateField()
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["version"]
        verbose_name_plural = "methodologies"

    def __str__(self):
        return f"Method version {self.version}"


class Assessment(models.Model):
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="assessments")
    breakdown = models.CharField(max_length=50, blank=True, help_text="e.g. Male; blank for the whole metric.")
    as_of = models.DateField(help_text="Data as published on this date.")
    methodology = models.ForeignKey(Methodology, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(max_length=30)
    reason = models.TextField(blank=True)
    probability = models.FloatField(null=True, blank=True, help_text="Probability of meeting the target.")
    result = models.JSONField(help_text="Every input and intermediate, so the status can be recomputed.")
    release_ids = models.JSONField(default=list, help_text="Releases whose values were used.")
    target_snapshot = models.JSONField(default=dict, help_text="The target's values when assessed.")
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["target", "breakdown", "-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "breakdown", "as_of", "methodology"], name="one_assessment_per_target_date_method"
            )
        ]

    def __str__(self):
        return f"{self.target} {self.breakdown} @ {self.as_of}: {self.status}"


class StatusChange(models.Model):
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="status_changes")
    breakdown = models.CharField(max_length=50, blank=True)
    methodology = models.ForeignKey(Methodology, on_delete=models.PROTECT)
    as_of = models.DateField()
    old_status = models.CharField(max_length=30, blank=True)
    new_status = models.CharField(max_length=30)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.target} {self.breakdown}: {self.old_status or '-'} -> {self.new_status}"
