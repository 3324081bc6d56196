"""Ingest a source: fetch, validate, and store the release as a vintage, or quarantine it with its reasons."""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from missions.caching import bump_data_version
from missions.ingestion import http
from missions.ingestion.base import Connector, Fetched, Metadata, SourceError, TransientSourceError
from missions.ingestion.registry import get_connector, history_kind_for
from missions.ingestion.validation import Problem, Validated, validate
from missions.models import Area, IngestStatus, Release, Source
from missions.services.release_dates import date_fields_alone, evidence_fields, redate_source
from missions.services.release_files import PackedFiles, read_release_files, store_files
from missions.services.replay import replay_source
from missions.services.vintages import COUNTS, save_counts, store_release_rows


@dataclass
class Outcome:
    source: str
    status: IngestStatus
    release_id: int | None = None
    counts: dict = field(default_factory=dict)
    message: str = ""
    changed_indicator_ids: list[int] = field(default_factory=list)

    def line(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in self.counts.items())
        return (
            f"{self.source}: {self.status}"
            + (f" ({counts})" if counts else "")
            + (f" {self.message}" if self.message else "")
        )


def source_location(source: Source) -> str:
    return source.location or http.join(settings.ONS_ELS_BASE_URL, source.slug)


def register_source(*, slug: str, location: str = "") -> Source:
    """Return the source for slug, creating it with the defaults known for that slug."""
    source, _ = Source.objects.get_or_create(
        slug=slug, defaults={"location": location, "history_kind": history_kind_for(slug), "name": slug}
    )
    return source


def ingest_source(*, source: Source, location: str = "", release_date: date | None = None) -> Outcome:
    """Fetch source (from location if given) and store what is new; never touches stored data on failure.

    release_date is the day a backfilled file was observed: evidence for its date, weighed with the rest.
    """
    location = location or source_location(source)
    connector = get_connector(source.connector)
    try:
        with transaction.atomic():
            if not _try_lock(source):
                return Outcome(source.slug, IngestStatus.BUSY, message="another worker is ingesting this source")
            try:
                fetched = _fetch(connector, source, location)
            except SourceError as exc:
                return _quarantine_fetch_error(source, location, str(exc), supplied=release_date)
            return _ingest_fetched(source, connector, fetched, release_date)
    except TransientSourceError as exc:
        _mark_checked(source, outcome=IngestStatus.FAILED, error=str(exc))
        raise


def ingest_files(
    *,
    source: Source,
    files: dict[str, bytes],
    location: str,
    release_date: date | None = None,
    entered_by=None,
    confirm_first: bool = False,
) -> Outcome:
    """Store files already in hand (a manual upload) through the same validation and vintaging as a fetch.

    With confirm_first a valid release waits, pending, for a second person's confirmation (services.review).
    """
    connector = get_connector(source.connector)
    fetched = Fetched(location=location, files=files)
    with transaction.atomic():
        if not _try_lock(source):
            return Outcome(source.slug, IngestStatus.BUSY, message="another upload or ingest of this source is running")
        outcome = _ingest_fetched(source, connector, fetched, release_date, confirm_first=confirm_first)
        if outcome.release_id and (entered_by is not None or "citation" in files):
            Release.objects.filter(pk=outcome.release_id, entered_by__isnull=True).update(
                entered_by=entered_by, citation=files.get("citation", b"").decode()
            )
        return outcome


def _fetch(connector: Connector, source: Source, location: str) -> Fetched:
    return connector.fetch(
        slug=source.slug,
        location=location,
        etag=source.etag,
        last_modified=source.last_modified,
        timeout=settings.INGEST_TIMEOUT_SECONDS,
        max_bytes=settings.INGEST_MAX_BYTES,
    )


def _ingest_fetched(
    source: Source, connector: Connector, fetched: Fetched, supplied: date | None, *, confirm_first: bool = False
) -> Outcome:
    if fetched.not_modified:
        _mark_checked(source, outcome=IngestStatus.UNCHANGED, fetched=fetched)
        return Outcome(source.slug, IngestStatus.UNCHANGED, message="not modified since the last check")
    packed = PackedFiles(fetched.files)
    sha = packed.sha256
    seen = Release.objects.filter(source=source, sha256=sha).order_by("id").values_list("id", "status").first()
    if seen:
        _mark_checked(source, outcome=IngestStatus.UNCHANGED, fetched=fetched, sha=sha)
        return Outcome(
            source.slug, IngestStatus.UNCHANGED, seen[0], message=f"identical to release {seen[0]} ({seen[1]})"
        )
    packed.start()  # compressed beside parsing and validation
    fetched_at = timezone.now()
    try:
        parsed = connector.parse(slug=source.slug, files=fetched.files)
        checked = validate(parsed, known_area_codes=_known_area_codes())
    except SourceError as exc:
        evidence = evidence_fields(metadata_dates=(), last_modified="", supplied=supplied, fetched_at=fetched_at)
        return _quarantine(source, fetched, packed, (Problem("*", str(exc), 0),), (), evidence)
    evidence = evidence_fields(
        metadata_dates=parsed.metadata.release_dates,
        last_modified=fetched.last_modified,
        supplied=supplied,
        fetched_at=fetched_at,
    )
    if not checked.ok:
        return _quarantine(source, fetched, packed, checked.errors, checked.warnings, evidence)
    if confirm_first:
        return _hold_for_confirmation(source, fetched, packed, parsed, checked, evidence)
    return _accept(source, connector, fetched, packed, parsed, checked, evidence)


def _accept(source, connector, fetched, packed: PackedFiles, parsed, checked: Validated, evidence: dict) -> Outcome:
    release = Release.objects.create(
        source=source,
        release_date=evidence["observed_on"],  # provisional: redate_source decides it with the others
        location=fetched.location,
        sha256=packed.sha256,
        status=Release.Status.ACCEPTED,
        report=_report(checked.warnings, parsed.ignored_columns),
        **evidence,
    )
    store_files(release, packed)
    outcome = store_rows(source=source, release=release, checked=checked, connector=connector)
    _mark_checked(
        source, outcome=outcome.status, fetched=fetched, sha=packed.sha256, **_publisher(source, parsed.metadata)
    )
    return outcome


def store_rows(*, source: Source, release: Release, checked: Validated, connector: Connector | None = None) -> Outcome:
    """Make release current: store its rows (less any held back) as vintages, replaying if it is not the latest."""
    if release.status != Release.Status.ACCEPTED:
        Release.objects.filter(pk=release.pk).update(status=Release.Status.ACCEPTED)
        release.status = Release.Status.ACCEPTED
    replayed = redate_source(source=source)[-1] != release.id
    if replayed:
        replay_source(source=source, connector=connector)
        changed = list(source.indicators.values_list("id", flat=True))
        state = Release.objects.values("status", *COUNTS).get(pk=release.pk)
    else:
        changes, changed = store_release_rows(source=source, release=release, checked=checked)
        state = save_counts(release=release, changes=changes)
    accepted = state["status"] == Release.Status.ACCEPTED
    if accepted:
        transaction.on_commit(bump_data_version)
    note = "(observed before stored releases: the source's vintages were replayed in date order)" if replayed else ""
    counts = {k: state[k] for k in COUNTS}
    return Outcome(source.slug, IngestStatus(state["status"]), release.id, counts, note, changed if accepted else [])


def _hold_for_confirmation(source, fetched, packed: PackedFiles, parsed, checked: Validated, evidence: dict) -> Outcome:
    release = Release(
        source=source,
        location=fetched.location,
        sha256=packed.sha256,
        status=Release.Status.PENDING,
        report=_report(checked.warnings, parsed.ignored_columns),
        **evidence,
    )
    for name, value in date_fields_alone(release).items():
        setattr(release, name, value)
    release.save()
    store_files(release, packed)
    _mark_checked(
        source, outcome=IngestStatus.PENDING, fetched=fetched, sha=packed.sha256, **_publisher(source, parsed.metadata)
    )
    return Outcome(source.slug, IngestStatus.PENDING, release.id, message="awaiting a second person's confirmation")


def validate_stored(release: Release) -> tuple:
    """Parse and validate a stored release's raw files again; return (parsed, validated)."""
    files = read_release_files(release)
    try:
        if not files:
            raise SourceError(release.reason or "the release has no files")
        parsed = get_connector(release.source.connector).parse(slug=release.source.slug, files=files)
    except SourceError as exc:
        return None, Validated(pd.DataFrame(), (Problem("*", str(exc), 0),), ())
    return parsed, validate(parsed, known_area_codes=_known_area_codes())


def _quarantine(source, fetched, packed: PackedFiles, errors, warnings, evidence: dict) -> Outcome:
    release = Release(
        source=source,
        location=fetched.location,
        sha256=packed.sha256 if packed.files else "",
        status=Release.Status.QUARANTINED,
        report=_report(warnings, (), errors=errors),
        **evidence,
    )
    for name, value in date_fields_alone(release).items():
        setattr(release, name, value)
    release.save()
    store_files(release, packed)
    _mark_checked(source, outcome=IngestStatus.QUARANTINED, fetched=fetched, sha=release.sha256, error=release.reason)
    return Outcome(source.slug, IngestStatus.QUARANTINED, release.id, message=release.reason)


def _quarantine_fetch_error(source: Source, location: str, reason: str, *, supplied: date | None) -> Outcome:
    """Record a permanent fetch failure as a quarantined release with no files (once, while it keeps failing)."""
    last = source.releases.order_by("-id").first()
    if last and last.status == Release.Status.QUARANTINED and not last.sha256 and last.reason == reason:
        _mark_checked(source, outcome=IngestStatus.QUARANTINED, error=reason)
        return Outcome(source.slug, IngestStatus.QUARANTINED, last.id, message=f"{reason} (as at release {last.id})")
    evidence = evidence_fields(metadata_dates=(), last_modified="", supplied=supplied, fetched_at=timezone.now())
    return _quarantine(source, Fetched(location=location), PackedFiles({}), (Problem("*", reason, 0),), (), evidence)


def _report(warnings, ignored, errors=()) -> dict:
    return {
        "errors": [p.as_dict() for p in errors],
        "warnings": [p.as_dict() for p in warnings],
        "ignored_columns": list(ignored),
    }


def _known_area_codes() -> set[str] | None:
    codes = set(Area.objects.values_list("code", flat=True))
    return codes or None


def _publisher(source: Source, metadata: Metadata) -> dict:
    return {
        "publisher": metadata.source_org or source.publisher,
        "publisher_url": metadata.source_url[:500] or source.publisher_url,
    }


def _mark_checked(
    source: Source, *, outcome: str, fetched: Fetched | None = None, sha: str = "", error: str = "", **extra
) -> None:
    """Record one check on the source row (the Source object passed in is left as it was)."""
    now = timezone.now()
    fields = {"last_checked_at": now, "next_check_at": now + source.check_every, "last_outcome": outcome}
    fields |= {"last_error": error, **extra}
    if fetched is not None and not fetched.not_modified:
        fields |= {"etag": fetched.etag, "last_modified": fetched.last_modified}
    if sha:
        fields["content_hash"] = sha
    Source.objects.filter(pk=source.pk).update(**fields)


def _try_lock(source: Source) -> bool:
    """Take a transaction-scoped advisory lock so two workers never ingest one source at once."""
    if connection.vendor != "postgresql":
        return True  # SQLite serialises writers already
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [f"ingest:{source.slug}"])
        return bool(cursor.fetchone()[0])
