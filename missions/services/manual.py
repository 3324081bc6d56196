"""Manual data entry for metrics no connector covers yet, validated and audited like any other release.

A valid upload waits, as a pending release, for a second person to confirm it (missions.services.review).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from missions.ingestion.base import SourceError
from missions.ingestion.registry import get_connector
from missions.models import Area, Source
from missions.services.governance import require
from missions.services.ingest import Outcome, ingest_files, register_source

MAX_UNKNOWN_AREA_SHARE = 0.5


def check_upload_size(size: int) -> None:
    """Refuse an upload larger than MANUAL_ENTRY_MAX_BYTES before it is read."""
    if size > settings.MANUAL_ENTRY_MAX_BYTES:
        raise ValidationError(
            f"the file is {size:,} bytes; manual entries are limited to {settings.MANUAL_ENTRY_MAX_BYTES:,} bytes"
        )


def _check_area_codes(csv_bytes: bytes) -> None:
    known = set(Area.objects.values_list("code", flat=True))
    if not known:
        return
    try:
        frame = get_connector(Source.Connector.MANUAL).parse(slug="manual", files={"csv": csv_bytes}).frame
    except SourceError:
        return  # the ingestion rules report the parse error with its reason
    codes = frame["area_code"]
    unknown = int((~codes.isin(known)).sum())
    if len(codes) and unknown > MAX_UNKNOWN_AREA_SHARE * len(codes):
        raise ValidationError(f"{unknown} of {len(codes)} rows have area codes not in the geography list")


def enter_data(*, user, source_slug: str, csv_bytes: bytes, citation: str, release_date: date) -> Outcome:
    """Validate and store an uploaded CSV (ONS ELS layout) as a release of a manual source, with its citation."""
    require(user, "missions.add_release", "enter data by hand")
    check_upload_size(len(csv_bytes))
    if not citation.strip():
        raise ValidationError("a manual entry needs a citation: where the figures come from")
    _check_area_codes(csv_bytes)
    slug = slugify(source_slug)
    source = register_source(slug=slug)
    if source.connector != Source.Connector.MANUAL:
        if source.releases.exists():
            raise ValidationError(f"{slug} is fed by a connector; manual entries need a source of their own")
        Source.objects.filter(pk=source.pk).update(connector=Source.Connector.MANUAL)
        source.refresh_from_db()
    files = {"csv": csv_bytes, "citation": citation.strip().encode()}
    return ingest_files(
        source=source,
        files=files,
        location=f"manual upload by {user.username}",
        release_date=release_date,
        entered_by=user,
        confirm_first=True,
    )
