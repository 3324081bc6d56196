"""Decide each release's date from all the evidence, so no file ranks older than one it replaced. Pure: no Django.

Evidence about one release: the metadata's sourceDate(s) (the publisher's claim, sometimes left stale), the server's
Last-Modified, the date supplied for a backfilled file (the day it was observed, e.g. an archive capture) and the
fetch date. The day a file was observed (supplied, else fetched) is an upper bound: its values were public by then.
A release observed after another release of the same source, with other content, demonstrably replaced it: its
values were not yet public on the day the replaced one was observed, which is a lower bound.

The rule: the metadata date (the latest, if it lists several) when it lies within those bounds; otherwise the
server's Last-Modified when that lies within them; otherwise the day the file was observed. So dates rank releases
in the order they were observed, and a backfilled vintage can never displace values from a release observed later.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DateEvidence(StrEnum):
    METADATA = "metadata"
    LAST_MODIFIED = "last_modified"
    SUPPLIED = "supplied"
    FETCHED = "fetched"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    DateEvidence.METADATA: "metadata sourceDate",
    DateEvidence.LAST_MODIFIED: "server Last-Modified",
    DateEvidence.SUPPLIED: "date supplied with the file",
    DateEvidence.FETCHED: "fetch date",
}


@dataclass(frozen=True)
class ReleaseEvidence:
    key: int  # the release's id (any unique number before it has one)
    fetched_on: date
    metadata_dates: tuple[date, ...] = ()
    last_modified: date | None = None
    supplied: date | None = None

    @property
    def observed_on(self) -> date:
        """Return the day this content is known to have been public: the supplied day, else the fetch day."""
        return min(self.supplied, self.fetched_on) if self.supplied else self.fetched_on


@dataclass(frozen=True)
class DateDecision:
    release_date: date
    evidence: DateEvidence
    basis: str


@dataclass(frozen=True)
class _Replaced:
    key: int
    observed_on: date


def decide_release_dates(releases: Iterable[ReleaseEvidence]) -> dict[int, DateDecision]:
    """Return each release's date, keyed by release, given every accepted release of one source."""
    ordered = sorted(releases, key=lambda r: (r.observed_on, r.key))
    decisions, replaced = {}, None
    for index, release in enumerate(ordered):
        earlier = [r for r in ordered[:index] if r.observed_on < release.observed_on]
        replaced = _Replaced(earlier[-1].key, earlier[-1].observed_on) if earlier else None
        decisions[release.key] = decide_release_date(release, replaced=replaced)
    return decisions


def decide_release_date(release: ReleaseEvidence, *, replaced: _Replaced | None = None) -> DateDecision:
    """Return the date of one release, given the latest release observed before it (which it replaced)."""
    floor = replaced.observed_on if replaced else date.min
    ceiling = release.observed_on
    doubt = ""
    if release.metadata_dates:
        claimed = release.metadata_dates[-1]
        if floor <= claimed <= ceiling:
            return DateDecision(claimed, DateEvidence.METADATA, _metadata_basis(release.metadata_dates))
        doubt = _metadata_doubt(claimed, replaced=replaced, ceiling=ceiling) + "; "
    else:
        doubt = "no sourceDate in the metadata; "
    if release.last_modified and floor <= release.last_modified <= ceiling:
        return DateDecision(release.last_modified, DateEvidence.LAST_MODIFIED, doubt + "the server's Last-Modified")
    if release.supplied:
        return DateDecision(ceiling, DateEvidence.SUPPLIED, doubt + "the date supplied (the day it was observed)")
    return DateDecision(ceiling, DateEvidence.FETCHED, doubt + "the fetch date")


def _metadata_basis(dates: tuple[date, ...]) -> str:
    if len(dates) == 1:
        return "metadata sourceDate"
    listed = ", ".join(d.isoformat() for d in dates)
    return f"metadata lists several sourceDates ({listed}); the latest is used"


def _metadata_doubt(claimed: date, *, replaced: _Replaced | None, ceiling: date) -> str:
    if claimed > ceiling:
        return f"metadata sourceDate {claimed} is after the file was observed ({ceiling})"
    return (
        f"metadata sourceDate {claimed} is stale: release {replaced.key}, which this file replaced, "
        f"was observed on {replaced.observed_on}"
    )
