"""Which sources exist: the catalogue's, plus every ONS ELS folder found at a local base."""

from pathlib import Path

from django.conf import settings

from missions.ingestion import http
from missions.models import MetricSeries, Source
from missions.services.ingest import register_source


def register_catalogue_sources() -> list[Source]:
    """Register every source the catalogue reads, and every folder of a local ONS ELS base; return those to fetch.

    Manual sources are registered but not returned: they have nothing to fetch.
    """
    slugs = set(MetricSeries.objects.values_list("source_slug", flat=True))
    base = settings.ONS_ELS_BASE_URL
    if not http.is_url(base) and Path(base).is_dir():
        slugs |= {p.name for p in Path(base).iterdir() if p.is_dir() and not p.name.startswith(".")}
    for slug in sorted(slugs):
        register_source(slug=slug)
    return list(Source.objects.filter(slug__in=slugs).exclude(connector=Source.Connector.MANUAL).order_by("slug"))


def claim_due_sources(*, now) -> list[str]:
    """Claim the sources whose check time has come, moving each one's next check on; return their slugs.

    The claim is a conditional UPDATE, so two beat ticks or two schedulers never queue the same source twice.
    """
    claimed = []
    due = Source.objects.filter(next_check_at__lte=now).exclude(connector=Source.Connector.MANUAL)
    for source in due:
        won = Source.objects.filter(pk=source.pk, next_check_at=source.next_check_at).update(
            next_check_at=now + source.check_every
        )
        if won:
            claimed.append(source.slug)
    return claimed
