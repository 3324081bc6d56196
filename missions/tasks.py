"""Thin Celery tasks; each has a management-command twin (ingest)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from missions.ingestion.base import TransientSourceError
from missions.models import Source
from missions.selectors.catalogue import list_metric_slugs_for_sources
from missions.services.assess import recompute_assessments
from missions.services.downloads import build_downloads
from missions.services.ingest import ingest_source
from missions.services.overdue import notify_overdue_sources
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
        if metrics:  # downloads hold metrics' series: the assessment task rebuilds them when done
            assess_metrics_task.delay_on_commit(metrics)
    return {"source": slug, "status": outcome.status, "release": outcome.release_id, **outcome.counts}


@shared_task
def assess_metrics_task(metric_slugs: list[str] | None = None, as_of: str | None = None) -> dict:
    day = date.fromisoformat(as_of) if as_of else None
    assessments = recompute_assessments(as_of=day, metric_slugs=metric_slugs)
    build_downloads_task.delay_on_commit()
    return {"assessed": len(assessments), "metrics": metric_slugs}


@shared_task
def check_due_sources_task() -> dict:
    slugs = claim_due_sources(now=timezone.now())
    for slug in slugs:
        ingest_source_task.delay(slug)
    return {"queued": slugs}


@shared_task(soft_time_limit=1800, time_limit=1900)
def build_downloads_task() -> dict:
    """Build the public download files (twin: manage.py build_downloads); idempotent, one build at a time."""
    return build_downloads()


@shared_task
def notify_overdue_sources_task() -> dict:
    return notify_overdue_sources(today=timezone.localdate())
