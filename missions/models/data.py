"""Published statistics: sources, their releases, indicators and vintaged observations (ALFRED-style)."""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone

from missions.ingestion.release_dates import DateEvidence


class IngestStatus(models.TextChoices):
    """What became of one check of a source."""

    ACCEPTED = "accepted", "Accepted"
    UNCHANGED = "unchanged", "Unchanged"
    QUARANTINED = "quarantined", "Quarantined"
    PENDING = "pending", "Awaiting a second person's confirmation"
    FAILED = "failed", "Failed (temporary; retried)"
    BUSY = "busy", "Busy (another worker held it)"


class Source(models.Model):
    """One publication: here one ONS ELS folder; later other publishers and manual entry."""

    class Connector(models.TextChoices):
        ONS_ELS = "ons_els", "ONS Explore local statistics folder"
        MANUAL = "manual", "Manual entry"

    class HistoryKind(models.TextChoices):
        FULL = "full", "Each release holds the full history"
        SNAPSHOT = "snapshot", "Each release holds only the latest period"

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200, blank=True)
    connector = models.CharField(max_length=20, choices=Connector, default=Connector.ONS_ELS)
    location = models.CharField(max_length=500, blank=True, help_text="Folder URL or path; blank: ONS_ELS_BASE_URL.")
    history_kind = models.CharField(max_length=10, choices=HistoryKind, default=HistoryKind.FULL)
    publisher = models.CharField(max_length=200, blank=True)
    publisher_url = models.URLField(max_length=500, blank=True)
    check_every = models.DurationField(default=timedelta(days=1))
    next_check_at = models.DateTimeField(default=timezone.now)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_outcome = models.CharField(max_length=20, blank=True, choices=IngestStatus)
    last_error = models.TextField(blank=True)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["slug"]
        permissions = [("trigger_ingest", "Can trigger an ingest of a source")]

    def __str__(self):
        return self.slug


class Indicator(models.Model):
    """A statistical series as the publisher names it; a file can hold several."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(max_length=300)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names the publisher has used.")
    label = models.CharField(max_length=300, blank=True)
    subtitle = models.TextField(blank=True)
    decimal_places = models.PositiveSmallIntegerField(null=True, blank=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["source", "name"]
        constraints = [models.UniqueConstraint(fields=["source", "name"], name="indicator_name_unique")]

    def __str__(self):
        return self.name


class Release(models.Model):
    """One fetched version of a source, kept whole, whatever became of it."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        UNCHANGED = "unchanged", "Unchanged"
        QUARANTINED = "quarantined", "Quarantined"
        PENDING = "pending", "Awaiting a second person's confirmation"
        REJECTED = "rejected", "Rejected"

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="releases")
    fetched_at = models.DateTimeField(default=timezone.now)
    release_date = models.DateField(help_text="The date its values became public, decided from the evidence below.")
    release_date_basis = models.CharField(max_length=300, blank=True)
    release_date_evidence = models.CharField(
        max_length=20, blank=True, choices=[(e.value, e.label) for e in DateEvidence], help_text="What decided it."
    )
    observed_on = models.DateField(
        null=True, blank=True, help_text="The day its content is known to have been public: supplied, else fetched."
    )
    supplied_date = models.DateField(null=True, blank=True, help_text="The date supplied for a backfill or an entry.")
    metadata_dates = models.JSONField(default=list, blank=True, help_text="The sourceDate(s) its metadata gives.")
    server_last_modified = models.DateTimeField(null=True, blank=True, help_text="The server's Last-Modified.")
    location = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=Status)
    added = models.PositiveIntegerField(default=0)
    revised = models.PositiveIntegerField(default=0, help_text="Values whose number, bounds or status changed.")
    notes_revised = models.PositiveIntegerField(default=0, help_text="Values whose only change is the note text.")
    unchanged = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True, help_text="Validation errors, warnings and flagged revisions.")
    citation = models.TextField(blank=True, help_text="Where a manually entered figure comes from.")
    entered_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Manual uploads."
    )
    reviewed_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(blank=True, help_text="Why a quarantined release was accepted or rejected.")
    confirmed_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source", "release_date", "id"]
        indexes = [models.Index(fields=["source", "status", "release_date"])]
        permissions = [
            ("review_release", "Can accept (rows held back) or reject a quarantined release"),
            ("confirm_release", "Can confirm a reviewed or manually entered release (second person)"),
        ]

    def __str__(self):
        return f"{self.source.slug} {self.release_date} ({self.status})"

    @property
    def reason(self) -> str:
        return "; ".join(e.get("reason", "") for e in self.report.get("errors", []))


class HeldBackRow(models.Model):
    """A row of an accepted release that was not stored as a value, and why (never shown as a value)."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="held_back")
    line = models.PositiveIntegerField()
    indicator = models.CharField(max_length=300)
    area_code = models.CharField(max_length=50)
    period = models.CharField(max_length=50)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["release", "line"]

    def __str__(self):
        return f"{self.release_id} line {self.line}: {self.reason}"


class Observation(models.Model):
    """One published value; never updated in place, closed by the release that superseded it."""

    # One index beside the unique current-value one: each costs about half as much again as the COPY of a release's
    # rows. Both lead with (indicator, area), which also serves reads by area: the planner probes each indicator.
    # indicator and release are checked by the database once per statement, not per row (migration 0010): a
    # per-row foreign-key check cost as much as the COPY itself.
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="observations", db_index=False, db_constraint=False
    )
    area_code = models.CharField(max_length=12)
    period = models.CharField(max_length=20, help_text="Canonical period key.")
    period_start = models.DateField()
    period_months = models.PositiveSmallIntegerField()
    value = models.FloatField(null=True, blank=True)
    lci = models.FloatField(null=True, blank=True)
    uci = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=1, blank=True)
    note = models.TextField(blank=True)
    release = models.ForeignKey(
        Release, on_delete=models.PROTECT, related_name="published", db_index=False, db_constraint=False
    )
    # Checked per statement by triggers, as release is (migrations 0010, 0018): a deferred foreign key queued an
    # event for every inserted row, NULL or not, and ran them all at commit.
    superseded_by = models.ForeignKey(
        Release,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        ordering = ["indicator", "area_code", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period"],
                condition=Q(superseded_by__isnull=True),
                name="one_current_value_per_key",
            ),
        ]
        # Current values are found through one_current_value_per_key, replaced ones through this index: a release's
        # new rows (all current) cost one index, not two. Reads of every vintage say so (selectors.observations).
        indexes = [
            models.Index(
                fields=["indicator", "area_code", "period"],
                condition=Q(superseded_by__isnull=False),
                name="replaced_value_per_key",
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.area_code} {self.period}: {self.value}"


class ReleaseFile(models.Model):
    """A raw file of a release, gzip-compressed, kept so any release can be replayed or inspected."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="raw_files")
    name = models.CharField(max_length=50)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["release", "name"], name="release_file_unique")]

    def __str__(self):
        return f"{self.release_id}/{self.name}"
