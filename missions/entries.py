"""One assessed target as plain data: the entry pages, API, findings and reports all read. Pure: no Django.

`build_entry` is the one constructor; `missions.selectors.progress.assessment_entry` feeds it from the database and
tests feed it plain values. An entry is a TypedDict, not a dataclass, because it is stored as JSON in every report
snapshot: published reports must load as they were written.
"""

from dataclasses import dataclass
from datetime import date
from typing import NotRequired, TypedDict

from missions.ingestion.periods import label_periods_in, period_label
from missions.judged import Subject, explain
from missions.progress.summary import format_probability, summarise
from missions.statuses import status_label, status_tone


@dataclass(frozen=True)
class EntryMetric:
    """What an entry repeats of its metric."""

    slug: str
    name: str
    unit: str = ""
    decimal_places: int = 1
    polarity: str = "higher"
    period_type: str = "calendar_year"
    role: str = "headline"
    publisher: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntryTarget:
    """What an entry repeats of its target: key, type, public title and the catalogue's values as assessed."""

    key: str
    type: str
    label: str
    title: str
    snapshot: dict | None = None  # the target as stored with the assessment (value, target_year, ...)


class AssessmentEntry(TypedDict):
    key: str
    metric: str
    metric_name: str
    role: str
    unit: str
    decimal_places: int
    polarity: str
    breakdown: str
    target_key: str
    target_type: str
    target_label: str
    title: str
    period_type: str
    status: str
    status_label: str
    status_tone: str
    reason: str
    explanation: str
    judged: list[str]
    probability: float | None
    probability_text: str
    method_version: int
    interpreted: bool
    summary: dict  # progress.summary.summarise, each period with its label beside it
    result: dict  # Result.as_dict(); its figures follow progress.rule_figures
    release_ids: list[int]
    target: dict | None
    as_of: str
    sources: list[str]
    publisher: str
    finding: NotRequired[dict]  # added by selectors.findings.attach_findings
    charts: NotRequired[list]  # added by the pages that draw them


def build_entry(
    *,
    metric: EntryMetric,
    target: EntryTarget,
    result: dict,
    as_of: date,
    breakdown: str = "",
    probability: float | None = None,
    release_ids: list[int] | None = None,
) -> AssessmentEntry:
    """Return one assessed target as plain data: status, reason, headline figures and the full result."""
    status = result["status"]
    explained = explain(result, subject=subject_of(metric, target.snapshot), probability=probability)
    return {
        "key": f"{metric.slug}-{target.key}" + (f"-{breakdown.lower()}" if breakdown else ""),
        "metric": metric.slug,
        "metric_name": metric.name + (f" ({breakdown})" if breakdown else ""),
        "role": metric.role,
        "unit": metric.unit,
        "decimal_places": metric.decimal_places,
        "polarity": metric.polarity,
        "breakdown": breakdown,
        "target_key": target.key,
        "target_type": target.type,
        "target_label": target.label,
        "title": target.title,
        "period_type": metric.period_type,
        "status": status,
        "status_label": status_label(status),
        "status_tone": status_tone(status),
        "reason": label_periods_in(result["reason"], period_type=metric.period_type),
        "explanation": explained["headline"],
        "judged": explained["judged"],
        "probability": probability,
        "probability_text": format_probability(probability),
        "method_version": result["method_version"],
        "interpreted": result["interpreted"],
        "summary": labelled_summary(summarise(result), period_type=metric.period_type),
        "result": result,
        "release_ids": release_ids or [],
        "target": target.snapshot,
        "as_of": as_of.isoformat(),
        "sources": sorted(set(metric.sources)),
        "publisher": metric.publisher,
    }


def subject_of(metric: EntryMetric, target_snapshot: dict | None) -> Subject:
    """Return how an entry's numbers and periods are printed: its metric's places, unit and period type."""
    return Subject(
        places=metric.decimal_places,
        unit=metric.unit,
        period_type=metric.period_type,
        target_year=(target_snapshot or {}).get("target_year"),
    )


def labelled_summary(summary: dict, *, period_type: str) -> dict:
    """Return the headline figures with a reader's label beside each canonical period key."""
    return summary | {
        k: summary[k] | {"period_label": period_label(summary[k]["period"], period_type=period_type)}
        for k in ("baseline", "latest")
        if summary.get(k)
    }
