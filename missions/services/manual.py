"""Manual data entry for metrics no connector covers yet, validated and audited like any other release."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from missions.models import Source
from missions.services.governance import require
from missions.services.ingest import Outcome, ingest_files, register_source


def enter_data(*, user, source_slug: str, csv_bytes: bytes, citation: str, release_date: date) -> Outcome:
    """Validate and store an uploaded CSV (ONS ELS layout) as a release of a manual source, with its citation."""
    require(user, "missions.add_release", "enter data by hand")
    if not citation.strip():
        raise ValidationError("a manual entry needs a citation: where the figures come from")
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
    )
