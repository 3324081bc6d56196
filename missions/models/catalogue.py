"""The missions catalogue: frameworks, pillars, missions, metrics and their targets."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from missions.models.validators import single_line


class ReasonedChanges(models.Model):
    """A model whose every change after creation must say why (the reason is kept in its history)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk and not str(getattr(self, "_change_reason", "") or "").strip():
            raise ValidationError(f"a change to {self._meta.verbose_name} {self} needs a reason")
        super().save(*args, **kwargs)


BREAKDOWN_WORDS = {"Male": "men", "Female": "women", "Persons": "everyone"}
UNTITLED = {  # what a target without a catalogued title is called in public
    "level": "reach a level",
    "change": "change from the baseline",
    "coverage": "reach a coverage",
    "every_area_improves": "improve in every area",
    "gap_narrows": "narrow the gap between areas",
    "gap_to_benchmark_narrows": "close the gap to a benchmark area",
    "count": "reach a count",
    "monitor": "monitored",
}


class Framework(models.Model):
    """A statement of missions, e.g. the 2022 White Paper; others can sit beside it."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200, validators=[single_line])
    published = models.DateField()
    source = models.TextField()
    legal_basis = models.TextField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["published"]

    def __str__(self):
        return self.name


class Pillar(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="pillars")
    number = models.PositiveSmallIntegerField()
    name = models.TextField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="pillar_number_unique")]

    def __str__(self):
        return f"Pillar {self.number}: {self.name[:60]}"


class Mission(ReasonedChanges):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        RETIRED = "retired", "Retired"

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="missions")
    pillar = models.ForeignKey(Pillar, on_delete=models.PROTECT, related_name="missions")
    number = models.PositiveSmallIntegerField()
    slug = models.SlugField()
    short_name = models.CharField(max_length=100, validators=[single_line])
    statement = models.TextField(help_text="The official mission statement, verbatim.")
    statement_source = models.TextField(help_text="The public citation of the statement.")
    research_notes = models.TextField(blank=True, help_text="The team's notes on the statement; never published.")
    statement_verified = models.CharField(max_length=20, blank=True, validators=[single_line])
    geography = models.TextField(blank=True)
    target_year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    retired_on = models.DateField(null=True, blank=True)
    retired_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="mission_number_unique"),
            models.UniqueConstraint(fields=["framework", "slug"], name="mission_slug_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.short_name}"


class Metric(ReasonedChanges):
    class Role(models.TextChoices):
        HEADLINE = "headline", "Headline"
        SUPPORTING = "supporting", "Supporting"
        PROXY = "proxy", "Proxy"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        NONE = "none", "No polarity"

    class Definition(models.TextChoices):
        OFFICIAL = "official", "Official"
        INTERPRETED = "interpreted", "Our interpretation"

    class PeriodType(models.TextChoices):
        CALENDAR_YEAR = "calendar_year", "Calendar year"
        FINANCIAL_YEAR = "financial_year", "Financial year"
        ACADEMIC_YEAR = "academic_year", "Academic year"
        YEAR = "year", "Other 12-month year"
        MONTH = "month", "Month or point in time"

    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="metrics")
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200, validators=[single_line])
    role = models.CharField(max_length=12, choices=Role)
    role_note = models.CharField(max_length=200, blank=True, validators=[single_line])
    unit = models.CharField(max_length=100, validators=[single_line])
    polarity = models.CharField(max_length=8, choices=Polarity)
    decimal_places = models.PositiveSmallIntegerField(default=1)
    publisher = models.CharField(max_length=100, validators=[single_line])
    dataset = models.TextField()
    frequency = models.CharField(max_length=200, blank=True, validators=[single_line])
    period_type = models.CharField(
        max_length=16, choices=PeriodType, blank=True, help_text="How its periods read; blank reads them as years."
    )
    comparison_geography = models.CharField(
        validators=[single_line], max_length=100, help_text="The set of areas compared."
    )
    comparison_prefixes = models.JSONField(default=list, help_text="GSS code prefixes of the comparison set.")
    definition = models.CharField(max_length=12, choices=Definition)
    notes = models.TextField(blank=True)
    # Editable so django-simple-history diffs it; the admin shows it read-only and no service edits it directly.
    series_read = models.TextField(
        blank=True, help_text="The series it reads, one a line: kept here so its history shows changes."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["mission", "slug"]

    def __str__(self):
        return self.name

    def describe_series(self) -> str:
        """Return the series this metric reads, one a line, in a stable order."""
        rows = self.series.order_by("source_slug", "indicator_name", "breakdown")
        return "\n".join(
            f"{s.source_slug}: {s.indicator_name}{f' ({s.breakdown})' if s.breakdown else ''}" for s in rows
        )


class MetricSeries(models.Model):
    """One published series a metric reads, named as the publisher names it."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="series")
    source_slug = models.SlugField(max_length=100)
    indicator_name = models.CharField(max_length=200, validators=[single_line])
    breakdown = models.CharField(
        validators=[single_line], max_length=50, blank=True, help_text="e.g. Male; blank when series combine."
    )

    class Meta:
        ordering = ["metric", "id"]
        verbose_name_plural = "metric series"
        constraints = [
            models.UniqueConstraint(fields=["metric", "source_slug", "indicator_name"], name="metric_series_unique")
        ]

    def __str__(self):
        return f"{self.source_slug}: {self.indicator_name}"


class Target(ReasonedChanges):
    class Type(models.TextChoices):
        LEVEL = "level", "Level"
        CHANGE = "change", "Change against baseline"
        COVERAGE = "coverage", "Coverage"
        EVERY_AREA_IMPROVES = "every_area_improves", "Every area improves"
        GAP_NARROWS = "gap_narrows", "Gap between top and bottom areas narrows"
        GAP_TO_BENCHMARK_NARROWS = "gap_to_benchmark_narrows", "Gap to a benchmark area narrows"
        COUNT = "count", "Count"
        MONITOR = "monitor", "Monitor only"

    class ValueKind(models.TextChoices):
        ABSOLUTE = "absolute", "Absolute level"
        MULTIPLE_OF_BASELINE = "multiple_of_baseline", "Multiple of the baseline"
        INCREASE_OVER_BASELINE = "increase_over_baseline", "Increase over the baseline"

    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="targets")
    key = models.SlugField(max_length=60, help_text="Stable name of the target within its metric.")
    title = models.CharField(
        max_length=200,
        blank=True,
        validators=[single_line],
        help_text="Short public title in plain words; {breakdown} reads as men, women...",
    )
    type = models.CharField(max_length=30, choices=Type)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    value_kind = models.CharField(max_length=30, choices=ValueKind, default=ValueKind.ABSOLUTE)
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_period = models.CharField(
        validators=[single_line], max_length=20, blank=True, help_text="Canonical period, e.g. 2019-01."
    )
    baseline_note = models.TextField(blank=True)
    area_code = models.CharField(
        validators=[single_line], max_length=12, blank=True, help_text="Area the target is judged at."
    )
    group = models.CharField(
        validators=[single_line], max_length=30, blank=True, help_text="Area group, e.g. bottom_decile."
    )
    benchmark_area = models.CharField(validators=[single_line], max_length=12, blank=True)
    aggregate = models.JSONField(null=True, blank=True, help_text="How areas are summed into one figure.")
    gap_definition = models.TextField(blank=True)
    gap_measure = models.CharField(
        max_length=10,
        choices=[("absolute", "Absolute (top minus bottom)"), ("relative", "Relative (top over bottom)")],
        default="absolute",
        help_text="How method version 2 judges a gap; relative for money and other measures that scale with level.",
    )
    gap_measure_reason = models.TextField(blank=True)
    official = models.BooleanField(default=False, help_text="False where the target is our interpretation.")
    source = models.TextField(blank=True)
    test = models.TextField(blank=True, help_text="The test in words, as catalogued.")
    note = models.TextField(blank=True)
    data_gap = models.TextField(blank=True, help_text="Why the available data cannot judge this target, if so.")
    status = models.CharField(max_length=10, choices=Mission.Status, default=Mission.Status.ACTIVE)
    retired_on = models.DateField(null=True, blank=True)
    retired_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["metric", "key"]
        constraints = [models.UniqueConstraint(fields=["metric", "key"], name="target_key_unique")]

    def __str__(self):
        return f"{self.metric.slug}: {self.key}"

    def public_title(self, breakdown: str = "") -> str:
        """Return the public title for one breakdown: "for {breakdown}" reads "for men", or "for men and women"."""
        title = self.title or f"{self.metric.name}: {UNTITLED.get(self.type, 'target')}"
        return title.replace("{breakdown}", BREAKDOWN_WORDS.get(breakdown, breakdown.lower() or "men and women"))
