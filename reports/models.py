"""Progress reports: frozen snapshots published like official statistics, corrected openly, never altered."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

FROZEN_FIELDS = (
    "title",
    "as_of",
    "snapshot",
    "commentary",
    "version",
    "correction_notice",
    "published_at",
    "scheduled_for",
    "approved_by_id",
    "approved_at",
    "created_by_id",
)
# What was approved: fixed while a report is approved or scheduled (back to draft, and approved again, to change it).
APPROVED_FIELDS = ("title", "as_of", "snapshot", "commentary", "version", "correction_notice", "created_by_id")


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Superseded"

    series = models.SlugField(max_length=120, help_text="Stable permalink name shared by every version.")
    version = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    as_of = models.DateField(help_text="Data as published on this date.")
    status = models.CharField(max_length=12, choices=Status, default=Status.DRAFT)
    snapshot = models.JSONField(help_text="Everything the report shows, frozen when it was built.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    correction_notice = models.TextField(blank=True, help_text="What changed and why (corrections only).")
    commentary = models.JSONField(
        default=dict,
        blank=True,
        help_text="The analysts' words: key_messages (list), missions ({slug: Markdown}), illustrative (bool).",
    )

    class Meta:
        ordering = ["-as_of", "series", "-version"]
        permissions = [
            ("approve_report", "Can approve a report built by someone else"),
            ("schedule_report", "Can schedule a report's release"),
            ("publish_report", "Can publish reports whose release time has come"),
        ]
        constraints = [models.UniqueConstraint(fields=["series", "version"], name="report_version_unique")]

    def __str__(self):
        return f"{self.title} (v{self.version}, {self.status})"

    def save(self, *args, **kwargs):
        if self.pk:
            stored = Report.objects.filter(pk=self.pk).values(*FROZEN_FIELDS, "status").first()
            if stored and stored["status"] in (self.Status.PUBLISHED, self.Status.SUPERSEDED):
                changed = [f for f in FROZEN_FIELDS if stored[f] != getattr(self, f)]
                if changed or self.status not in (self.Status.PUBLISHED, self.Status.SUPERSEDED):
                    raise ValidationError(f"a published report cannot be altered ({', '.join(changed) or 'status'})")
            if stored and stored["status"] in (self.Status.APPROVED, self.Status.SCHEDULED):
                self._refuse_unapproved_change(stored)
        super().save(*args, **kwargs)

    def _refuse_unapproved_change(self, stored: dict) -> None:
        changed = [f for f in APPROVED_FIELDS if stored[f] != getattr(self, f)]
        if changed and self.status != self.Status.DRAFT:
            raise ValidationError(
                f"an approved report cannot be edited ({', '.join(changed)}): return it to draft and approve it again"
            )

    def delete(self, *args, **kwargs):
        if self.is_public:
            raise ValidationError("a published report cannot be deleted")
        return super().delete(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.SUPERSEDED)


class Artefact(models.Model):
    """A rendered file of a report, stored in the database: private until the report is published."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="artefacts")
    name = models.CharField(max_length=120, help_text="File name within the report, e.g. report.pdf")
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["report", "name"]
        constraints = [models.UniqueConstraint(fields=["report", "name"], name="artefact_name_unique")]

    def __str__(self):
        return f"{self.report_id}/{self.name}"


class ScheduleChange(models.Model):
    """Every (re)scheduling of a release, shown on the public release calendar with its reason."""

    # PROTECT: deleting an unpublished report must not erase the record of its scheduling.
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="schedule_changes")
    old_time = models.DateTimeField(null=True, blank=True)
    new_time = models.DateTimeField()
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at"]

    def __str__(self):
        return f"{self.report_id}: {self.old_time} -> {self.new_time}"


class PreReleaseAccess(models.Model):
    """A staff view of an unpublished report (pre-release access record)."""

    # PROTECT: a report someone saw before its release cannot be deleted, so the record of who saw it stays.
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="pre_release_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=300)
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-viewed_at"]
        verbose_name_plural = "pre-release access records"

    def __str__(self):
        return f"{self.user_id} viewed {self.report_id} at {self.viewed_at}"


class DraftRevision(models.Model):
    """A draft as it stood before it was rebuilt or its commentary edited: what the staff diff compares against."""

    class Change(models.TextChoices):
        REBUILT = "rebuilt", "Rebuilt from the data"
        COMMENTARY = "commentary", "Commentary edited"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="draft_revisions")
    number = models.PositiveIntegerField(help_text="1 for the first draft, 2 for the next, ...")
    # Null when the change left the figures as they were (a commentary edit): the snapshot is then that of the next
    # revision or of the report, so a long editing session does not copy the whole snapshot at every save.
    snapshot = models.JSONField(null=True, blank=True)
    commentary = models.JSONField(default=dict, blank=True)
    change = models.CharField(max_length=12, choices=Change, help_text="What replaced this draft.")
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="draft_revision_number_unique")]

    def __str__(self):
        return f"{self.report_id}: draft {self.number} ({self.get_change_display().lower()})"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValidationError("a kept draft is a record: it is never altered")
        super().save(*args, **kwargs)
