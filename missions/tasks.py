"""Thin Celery tasks; each has a management-command twin (ingest)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from missions.ingestion.base import TransientSourceError
from missions.models import Source
from missions.selectors.catalogue import list_metric_slugs_for_sources
from missions.services.assess import recompute_assessments
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
    if outcome.changed_indicator_ids:
        metrics = list_metric_slugs_for_sources(source_slugs=[slug])
        if metrics:
            assess_metrics_task.delay_on_commit(metrics)
    return {"source": slug, "status": outcome.status, "release": outcome.release_id, **outcome.counts}


@shared_task
def assess_metrics_task(metric_slugs: list[str] | None = None, as_of: str | None = None) -> dict:
    day = date.fromisoformat(as_of) if as_of else None
    assessments = recompute_assessments(as_of=day, metric_slugs=metric_slugs)
    return {"assessed": len(assessments), "metrics": metric_slugs}


@shared_task
def check_due_sources_task() -> dict:
    slugs = claim_due_sources(now=timezone.now())
    for slug in slugs:
        ingest_source_task.delay(slug)
    return {"queued": slugs}
