"""Findings: an assessment's stored figures in plain English, in the register of official statistics. Pure.

Every number a sentence prints comes from the assessment's result (its figures and inputs), rounded by the metric's
decimal places; tests parse the numbers back out of every sentence and check them against those figures.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from missions.findings.areas import benchmark_sentences, every_area_sentences, gap_sentences
from missions.findings.numbers import format_share
from missions.findings.series import Subject, direction_sentences, quantified_sentences
from missions.ingestion.periods import label_periods_in, period_label
from missions.progress.types import group_share_of

if TYPE_CHECKING:  # entries words its explanation with missions.judged, which uses these numbers
    from missions.entries import AssessmentEntry

Label = Callable[[str], str]
UNJUDGED = ("no_data_source", "insufficient_data", "data_refused")
BREAKDOWN_WORDS = {"male": "for men", "female": "for women", "men": "for men", "women": "for women"}


@dataclass(frozen=True)
class Finding:
    key: str
    status: str
    sentences: tuple[str, ...]

    @property
    def headline(self) -> str:
        return self.sentences[0] if self.sentences else ""

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def as_dict(self) -> dict:
        return {"key": self.key, "status": self.status, "headline": self.headline, "sentences": list(self.sentences)}


def subject_of(entry: "AssessmentEntry", label: Label) -> Subject:
    """Return what a finding is about: the metric named in words, its unit, places and polarity."""
    name, breakdown = entry["metric_name"], entry.get("breakdown") or ""
    if breakdown and name.endswith(f" ({breakdown})"):
        name = name[: -len(breakdown) - 3]
        name = name.replace(" (male and female)", "")
        name += " " + BREAKDOWN_WORDS.get(breakdown.lower(), f"({breakdown})")
    if (entry.get("target") or {}).get("group") == "bottom_decile":
        name += f" (mean of the {format_share(group_share_of(entry['result']))} of areas worst at the baseline)"
    return Subject(
        name=name,
        unit=entry.get("unit") or "",
        places=int(entry.get("decimal_places", 1)),
        polarity=entry.get("polarity") or "higher",
        label=label,
    )


def write_finding(
    entry: "AssessmentEntry", *, names: dict[str, str] | None = None, label: Label | None = None
) -> Finding:
    """Return the finding for one assessed target (an entry of list_mission_entries)."""
    kind = entry.get("period_type") or None  # a bare key (2024-04) is a month or a year by the metric's period type
    subject = subject_of(entry, label or (lambda key: period_label(key, period_type=kind)))
    reason = label_periods_in(entry["reason"], period_type=kind)
    status, result = entry["status"], entry["result"]
    if status in ("no_data_source", "data_refused"):
        sentences = [no_data_sentence(subject, reason)]
    else:
        sentences = _rule_sentences(entry, subject, names or {})
    if status == "insufficient_data":
        lead = "There are" if sentences else f"For {subject.name} there are"
        sentences.append(f"{lead} not yet enough data to judge this target: {reason.rstrip('.')}.")
    if result.get("figures", {}).get("low_reliability"):
        sentences.append("The publisher flags the latest value as of low reliability.")
    return Finding(key=entry["key"], status=status, sentences=tuple(s for s in sentences if s))


def _rule_sentences(entry: "AssessmentEntry", subject: Subject, names: dict[str, str]) -> list[str]:
    result, target = entry["result"], entry.get("target") or {}
    rule = result.get("rule")
    if rule == "quantified":
        return quantified_sentences(result, subject, target=target)
    if rule in ("direction", "monitor"):
        return direction_sentences(result, subject, monitored=rule == "monitor")
    if rule == "gap":
        return gap_sentences(result, subject, names=names)
    if rule == "every_area":
        return every_area_sentences(result, subject, names=names)
    if rule == "gap_to_benchmark":
        return benchmark_sentences(result, subject, names=names)
    return [f"{subject.name}: {entry['reason']}."]


def no_data_sentence(subject: Subject, reason: str) -> str:
    """Say why a target cannot be judged: its data were refused, or no published series measures it."""
    reason = reason.rstrip(".")
    if "quarantined" in reason or reason.startswith("data refused"):
        return (
            f"{subject.name} cannot be judged yet: the monitor's validation checks refused the latest release "
            f"of its data; {reason}."
        )
    return f"{subject.name} cannot be judged yet: {reason[:1].lower()}{reason[1:]}."


def mission_headline(findings: list[Finding]) -> str:
    """Return the one-line finding of a mission: its first judged target's headline, else its first finding's."""
    judged = [f for f in findings if f.status not in UNJUDGED]
    chosen = (judged or findings or [None])[0]
    return chosen.headline if chosen else "No target of this mission is assessed."
