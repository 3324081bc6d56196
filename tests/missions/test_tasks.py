"""Tasks in-process (eager): the chain from a due source to fresh assessments."""

from datetime import timedelta

import pytest
from django.utils import timezone

from missions.models import Assessment, Release, Source
from missions.services.catalogue import load_catalogue
from missions.services.sources import claim_due_sources
from missions.tasks import check_due_sources_task, ingest_source_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager(settings):
    from tracker.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


def test_an_accepted_release_queues_reassessment_of_the_metrics_that_read_it(
    eager, settings, data_server, django_capture_on_commit_callbacks
):
    settings.ONS_ELS_BASE_URL = f"{data_server.url}/ons-els"
    load_catalogue()
    Source.objects.create(slug="homicide-offences")
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_source_task("homicide-offences")
    assert result["status"] == "accepted"
    assert set(Assessment.objects.values_list("target__metric__slug", flat=True)) == {"homicide-rate"}


def test_due_sources_are_claimed_once(eager):
    past = timezone.now() - timedelta(minutes=5)
    Source.objects.create(slug="a", next_check_at=past)
    Source.objects.create(slug="b", next_check_at=timezone.now() + timedelta(hours=1))
    assert claim_due_sources(now=timezone.now()) == ["a"]
    assert claim_due_sources(now=timezone.now()) == []


def test_the_beat_task_ingests_every_due_source(eager, settings, data_server):
    settings.ONS_ELS_BASE_URL = f"{data_server.url}/ons-els"
    Source.objects.create(slug="museums", next_check_at=timezone.now() - timedelta(minutes=1))
    assert check_due_sources_task() == {"queued": ["museums"]}
    assert Release.objects.get(source__slug="museums").status == "accepted"
