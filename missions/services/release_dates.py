"""Give each release of a source the date its evidence supports, and keep the chain in that order.

Calendar dates are local (settings.TIME_ZONE, the publisher's calendar); instants are stored UTC-aware and turned
into dates only through `local_date`.
"""

from datetime import date, datetime
from email.utils import parsedate_to_datetime

from django.utils import timezone

from missions.ingestion.release_dates import ReleaseEvidence, decide_release_date, decide_release_dates
from missions.models import Release, Source

CHAIN = (Release.Status.ACCEPTED, Release.Status.UNCHANGED)
CHAIN_ORDER = ("release_date", "observed_on", "id")  # redate_source sorts the same way


def local_date(instant: datetime) -> date:
    return timezone.localdate(instant)


def parse_last_modified(header: str) -> datetime | None:
    """Return an HTTP Last-Modified header as an aware datetime, or None when absent or unreadable."""
    try:
        return parsedate_to_datetime(header) if header else None
    except (TypeError, ValueError):
        return None


def evidence_fields(*, metadata_dates, last_modified: str, supplied: date | None, fetched_at: datetime) -> dict:
    """Return the Release fields that record the evidence about its date (the date itself is decided later)."""
    evidence = ReleaseEvidence(0, local_date(fetched_at), tuple(metadata_dates), None, supplied)
    return {
        "fetched_at": fetched_at,
        "metadata_dates": [d.isoformat() for d in metadata_dates],
        "server_last_modified": parse_last_modified(last_modified),
        "supplied_date": supplied,
        "observed_on": evidence.observed_on,
    }


def evidence_of(release: Release) -> ReleaseEvidence:
    modified = release.server_last_modified
    return ReleaseEvidence(
        key=release.id or 0,
        fetched_on=local_date(release.fetched_at),
        metadata_dates=tuple(date.fromisoformat(d) for d in release.metadata_dates),
        last_modified=local_date(modified) if modified else None,
        supplied=release.supplied_date,
    )


def date_fields_alone(release: Release) -> dict:
    """Return the date fields of a release that joins no chain (quarantined): its own evidence only."""
    decision = decide_release_date(evidence_of(release))
    return {
        "release_date": decision.release_date,
        "release_date_evidence": decision.evidence,
        "release_date_basis": decision.basis,
    }


def redate_source(*, source: Source) -> list[int]:
    """Re-decide the dates of the source's accepted releases from their evidence; return their ids in chain order."""
    releases = list(source.releases.filter(status__in=CHAIN))
    decisions = decide_release_dates(evidence_of(r) for r in releases)
    for release in releases:
        decision = decisions[release.id]
        fields = {
            "release_date": decision.release_date,
            "release_date_evidence": decision.evidence.value,
            "release_date_basis": decision.basis,
        }
        if any(getattr(release, name) != value for name, value in fields.items()):
            Release.objects.filter(pk=release.pk).update(**fields)
    chain = sorted(releases, key=lambda r: (decisions[r.id].release_date, r.observed_on or date.max, r.id))
    return [r.id for r in chain]
