"""Thin Celery tasks; each has a management-command twin (ingest)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from missions.ingestion.base import TransientSourceError
from missions.models import Source
from missions.services.ingest import ingest_source
from missions.services.sources import claim_due_sources


@shared_task(
    autoretry_for=(TransientSourceError,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=6,
)
def ingest_source_task(slug: str, release_date: str | None = None) -> dict:
    source = Source.objects.get(slug=slug)
    outcome = ingest_source(source=source, release_date=date.fromisoformat(release_date) if release_date else None)
    return {"source": slug, "status": outcome.status, "release": outcome.release_id, **outcome.counts}


@shared_task
def check_due_sources_task() -> dict:
    slugs = claim_due_sources(now=timezone.now())
    for slug in slugs:
        ingest_source_task.delay(slug)
    return {"queued": slugs}
