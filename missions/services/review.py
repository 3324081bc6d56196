"""Four eyes on refused and hand-entered data: an analyst reviews, a second person (approver) confirms.

A quarantined release with only row-level errors may be accepted with exactly the offending rows held back; nothing is
edited, the held-back rows are stored with their reason and never become values. A manual release waits for the same
second-person confirmation before it becomes current.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from missions.models import HeldBackRow, Release
from missions.services.governance import require
from missions.services.ingest import Outcome, store_rows, validate_stored


def _reason(reason: str) -> str:
    if not (reason or "").strip():
        raise ValidationError("a review needs a reason, which is recorded with the release")
    return reason.strip()


def _locked(release: Release, status: str) -> Release:
    locked = Release.objects.select_for_update().select_related("source").get(pk=release.pk)
    if locked.status != status:
        raise ValidationError(f"release {locked.pk} is {locked.get_status_display().lower()}, not {status}")
    return locked


@transaction.atomic
def reject_release(*, release: Release, user, reason: str) -> Release:
    """Refuse a quarantined or pending release for good, with a reason (reviewer or confirmer may do this)."""
    perm = "missions.review_release" if release.status == Release.Status.QUARANTINED else "missions.confirm_release"
    require(user, perm, "reject a release")
    release = _locked(release, release.status)
    if release.status not in (Release.Status.QUARANTINED, Release.Status.PENDING):
        raise ValidationError(f"release {release.pk} is {release.status}: only quarantined or pending can be rejected")
    release.status, release.review_reason = Release.Status.REJECTED, _reason(reason)
    release.reviewed_by, release.reviewed_at = user, timezone.now()
    release.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
    return release


@transaction.atomic
def accept_with_held_back(*, release: Release, user, reason: str) -> Release:
    """Accept a quarantined release with its erroneous rows held back; it waits for a second person to confirm."""
    require(user, "missions.review_release", "accept a quarantined release")
    reason = _reason(reason)
    release = _locked(release, Release.Status.QUARANTINED)
    _, checked = validate_stored(release)
    refusal = checked.refusal()
    if refusal:
        raise ValidationError(f"release {release.pk} cannot be accepted: {refusal}")
    HeldBackRow.objects.filter(release=release).delete()
    HeldBackRow.objects.bulk_create(_held_rows(release, checked.held))
    release.status, release.review_reason = Release.Status.PENDING, reason
    release.reviewed_by, release.reviewed_at = user, timezone.now()
    release.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
    return release


@transaction.atomic
def confirm_release(*, release: Release, user) -> Outcome:
    """Confirm a pending release as a second person; its rows (less those held back) become current."""
    require(user, "missions.confirm_release", "confirm a release")
    release = _locked(release, Release.Status.PENDING)
    if user.pk in (release.reviewed_by_id, release.entered_by_id):
        raise PermissionDenied(f"{user.username} reviewed or entered release {release.pk}: a second person confirms")
    _, checked = validate_stored(release)
    if checked.refusal() or (checked.errors and release.reviewed_by_id is None):
        raise ValidationError(f"release {release.pk} no longer validates: {checked.refusal() or 'errors found'}")
    release.confirmed_by, release.confirmed_at = user, timezone.now()
    release.save(update_fields=["confirmed_by", "confirmed_at"])
    outcome = store_rows(source=release.source, release=release, checked=checked)
    release.source.last_outcome = outcome.status
    release.source.save(update_fields=["last_outcome"])
    return outcome


def _held_rows(release: Release, held) -> list[HeldBackRow]:
    return [
        HeldBackRow(
            release=release,
            line=int(row.line),
            indicator=str(row.indicator)[:300],
            area_code=str(row.area_code)[:50],
            period=str(row.period)[:50],
            reason=str(row.held_reason)[:300],
        )
        for row in held.itertuples()
    ]
