"""Ingest a source: fetch, validate, and store the release as a vintage, or quarantine it with its reasons."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from missions.caching import bump_data_version
from missions.ingestion import http
from missions.ingestion.base import Fetched, SourceError, TransientSourceError
from missions.ingestion.registry import choose_release_date, get_connector, history_kind_for
from missions.ingestion.validation import Problem, Validated, validate
from missions.models import Area, Release, Source
from missions.services.release_files import files_sha256, store_files
from missions.services.replay import replay_source
from missions.services.vintages import save_counts, store_release_rows


@dataclass
class Outcome:
    source: str
    status: str  # accepted, unchanged, quarantined, failed, busy
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
    """Fetch source (from location if given) and store what is new; never touches stored data on failure."""
    location = location or source_location(source)
    try:
        with transaction.atomic():
            if not _try_lock(source):
                return Outcome(source.slug, "busy", message="another worker is ingesting this source")
            return _ingest_fetched(source, _fetch(source, location), release_date)
    except TransientSourceError as exc:
        _mark_checked(source, outcome="failed", error=str(exc))
        raise


def ingest_files(
    *, source: Source, files: dict[str, bytes], location: str, release_date: date | None = None, entered_by=None
) -> Outcome:
    """Store files already in hand (a manual upload) through the same validation and vintaging as a fetch."""
    with transaction.atomic():
        if not _try_lock(source):
            return Outcome(source.slug, "busy", message="another upload or ingest of this source is running")
        outcome = _ingest_fetched(source, Fetched(location=location, files=files), release_date)
        if outcome.release_id and (entered_by is not None or "citation" in files):
            Release.objects.filter(pk=outcome.release_id, entered_by__isnull=True).update(
                entered_by=entered_by, citation=files.get("citation", b"").decode()
            )
        return outcome


def _fetch(source: Source, location: str) -> Fetched:
    try:
        return get_connector(source.connector).fetch(
            slug=source.slug,
            location=location,
            etag=source.etag,
            last_modified=source.last_modified,
            timeout=settings.INGEST_TIMEOUT_SECONDS,
            max_bytes=settings.INGEST_MAX_BYTES,
        )
    except SourceError as exc:
        # Permanent: kept as a quarantined release so the failure is visible in the admin.
        return Fetched(location=location, files={"error": str(exc).encode()})


def _ingest_fetched(source: Source, fetched: Fetched, release_date: date | None) -> Outcome:
    if fetched.not_modified:
        _mark_checked(source, outcome="unchanged", fetched=fetched)
        return Outcome(source.slug, "unchanged", message="not modified since the last check")
    sha = files_sha256(fetched.files)
    seen = Release.objects.filter(source=source, sha256=sha).order_by("id").first()
    if seen:
        _mark_checked(source, outcome="unchanged", fetched=fetched, sha=sha)
        return Outcome(source.slug, "unchanged", seen.id, message=f"identical to release {seen.id} ({seen.status})")
    fetched_at = timezone.now()
    if "error" in fetched.files:
        problem = Problem("*", fetched.files["error"].decode(), 0)
        return _quarantine(source, fetched, sha, (problem,), (), release_date or timezone.localdate(fetched_at))
    connector = get_connector(source.connector)
    try:
        parsed = connector.parse(slug=source.slug, files=fetched.files)
        checked = validate(parsed, known_area_codes=_known_area_codes())
    except SourceError as exc:
        return _quarantine(source, fetched, sha, (Problem("*", str(exc), 0),), (), release_date or fetched_at.date())
    when, basis = choose_release_date(
        published=parsed.metadata.release_dates, supplied=release_date, fetched_on=timezone.localdate(fetched_at)
    )
    if not checked.ok:
        return _quarantine(source, fetched, sha, checked.errors, checked.warnings, when)
    return _accept(source, fetched, sha, parsed, checked, when, basis)


def _accept(source, fetched, sha, parsed, checked: Validated, when: date, basis: str) -> Outcome:
    _update_source_metadata(source, parsed.metadata)
    release = Release.objects.create(
        source=source,
        release_date=when,
        release_date_basis=basis,
        location=fetched.location,
        sha256=sha,
        status=Release.Status.ACCEPTED,
        report=_report(checked.warnings, parsed.ignored_columns),
    )
    store_files(release, fetched.files)
    later = Release.objects.filter(
        source=source, status__in=[Release.Status.ACCEPTED, Release.Status.UNCHANGED], release_date__gt=when
    ).exists()
    if later:
        replay_source(source=source)
        release.refresh_from_db()
        changed = list(source.indicators.values_list("id", flat=True))
    else:
        changes, changed = store_release_rows(source=source, release=release, checked=checked)
        save_counts(release, changes)
    _mark_checked(source, outcome=release.status, fetched=fetched, sha=sha)
    if release.status == Release.Status.ACCEPTED:
        transaction.on_commit(bump_data_version)
    counts = {k: getattr(release, k) for k in ("added", "revised", "unchanged", "withdrawn")}
    note = "" if not later else "(older than stored releases: the source's vintages were replayed in date order)"
    return Outcome(
        source.slug, release.status, release.id, counts, note, changed if release.status == "accepted" else []
    )


def _quarantine(source, fetched, sha, errors, warnings, when: date) -> Outcome:
    release = Release.objects.create(
        source=source,
        release_date=when,
        location=fetched.location,
        sha256=sha,
        status=Release.Status.QUARANTINED,
        report=_report(warnings, (), errors=errors),
    )
    store_files(release, fetched.files)
    _mark_checked(source, outcome="quarantined", fetched=fetched, sha=sha, error=release.reason)
    return Outcome(source.slug, "quarantined", release.id, message=release.reason)


def _report(warnings, ignored, errors=()) -> dict:
    return {
        "errors": [p.as_dict() for p in errors],
        "warnings": [p.as_dict() for p in warnings],
        "ignored_columns": list(ignored),
    }


def _known_area_codes() -> set[str] | None:
    codes = set(Area.objects.values_list("code", flat=True))
    return codes or None


def _update_source_metadata(source: Source, metadata) -> None:
    source.publisher = metadata.source_org or source.publisher
    source.publisher_url = metadata.source_url[:500] or source.publisher_url


def _mark_checked(source: Source, *, outcome: str, fetched: Fetched | None = None, sha: str = "", error: str = ""):
    now = timezone.now()
    source.last_checked_at, source.next_check_at = now, now + source.check_every
    source.last_outcome, source.last_error = outcome, error
    if fetched is not None and not fetched.not_modified:
        source.etag, source.last_modified = fetched.etag, fetched.last_modified
    source.content_hash = sha or source.content_hash
    Source.objects.filter(pk=source.pk).update(
        **{
            f: getattr(source, f)
            for f in (
                "last_checked_at",
                "next_check_at",
                "last_outcome",
                "last_error",
                "etag",
                "last_modified",
                "content_hash",
                "publisher",
                "publisher_url",
            )
        }
    )


def _try_lock(source: Source) -> bool:
    """Take a transaction-scoped advisory lock so two workers never ingest one source at once."""
    if connection.vendor != "postgresql":
        return True  # SQLite serialises writers already
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [f"ingest:{source.slug}"])
        return bool(cursor.fetchone()[0])
