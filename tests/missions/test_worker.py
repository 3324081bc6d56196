"""A real Celery worker on Redis, sharing the test database (PostgreSQL): run in CI, never mocked."""

import fcntl
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from missions.models import Release, Source
from missions.tasks import check_due_sources_task, ingest_source_task

ROOT = Path(__file__).resolve().parents[2]
SLUG = "homicide-offences"

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def services():
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs DATABASE_URL=postgres:///... and REDIS_URL (always set in CI)")


@pytest.fixture
def one_at_a_time(tmp_path_factory):
    """Run these tests one at a time across pytest-xdist workers: Celery's Redis transport keeps one table of
    unacknowledged messages per database, and a worker with a 3 s visibility timeout would redeliver another
    test's message."""
    run = tmp_path_factory.getbasetemp()
    run = run.parent if os.environ.get("PYTEST_XDIST_WORKER") else run  # the folder this run's workers share
    with open(run / "celery-worker.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@pytest.fixture
def start_worker(services, one_at_a_time, data_server):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    workers = []

    def start():
        env = os.environ | {
            "DATABASE_URL": f"postgres:///{connection.settings_dict['NAME']}",
            "ONS_ELS_BASE_URL": f"{data_server.url}/ons-els",
            "CELERY_QUEUE": queue,
            "CELERY_VISIBILITY_TIMEOUT": "3",
            "CELERY_RESTORE_THROTTLE": "1",  # sweep for a dead worker's message on every poll, not every 10th
        }
        cmd = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tracker",
            "worker",
            "-P",
            "solo",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=WARNING",
        ]
        workers.append(subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True))
        return workers[-1]

    start.queue = queue
    yield start
    for proc in workers:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)


def _wait_for(condition, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_a_worker_on_redis_ingests_a_due_source_end_to_end(start_worker):
    Source.objects.create(slug=SLUG, next_check_at=timezone.now() - timedelta(minutes=1))
    start_worker()
    check_due_sources_task.apply_async(queue=start_worker.queue)
    assert _wait_for(lambda: Release.objects.filter(source__slug=SLUG, status="accepted").exists())
    release = Release.objects.get(source__slug=SLUG)
    assert release.added == 504
    assert Source.objects.get(slug=SLUG).next_check_at > timezone.now()


def test_a_worker_killed_mid_ingest_leaves_no_partial_release_and_the_redelivery_completes_it(
    start_worker, data_server
):
    Source.objects.create(slug=SLUG)
    csv_path = f"/ons-els/{SLUG}/{SLUG}.csv"
    data_server.httpd.delays[csv_path] = 60  # the first download stalls half-way through
    asked = data_server.httpd.requests.count(csv_path)  # the server is the session's: earlier tests asked too
    first = start_worker()
    ingest_source_task.apply_async(args=[SLUG], queue=start_worker.queue)
    assert _wait_for(lambda: data_server.httpd.requests.count(csv_path) > asked)
    time.sleep(0.5)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    assert not Release.objects.exists() and csv_path not in data_server.httpd.delays  # the stall was served
    start_worker()
    assert _wait_for(lambda: Release.objects.filter(source__slug=SLUG).exists())
    assert list(Release.objects.values_list("status", "added")) == [("accepted", 504)]
