"""Shared fixtures: paths to the shared data, and fail-fast checks of CI's services."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.fail(f"The shared data folder is missing: {SHARED_DATA} (set SHARED_DATA_DIR)")
    return SHARED_DATA


def pytest_sessionstart(session):
    """In CI, PostgreSQL and Redis must be reachable: fail rather than skip."""
    if os.environ.get("CI") != "true":
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise pytest.UsageError(f"CI=true needs DATABASE_URL=postgres:///..., got {url!r}")
    if not os.environ.get("REDIS_URL"):
        raise pytest.UsageError("CI=true needs REDIS_URL")
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=3).ping()


@pytest.fixture(scope="session")
def data_server(shared_data):
    """A local HTTP server over ../shared/data (ETags, 304s)."""
    from tests.http_server import LocalServer

    with LocalServer(shared_data) as server:
        yield server


@pytest.fixture
def tmp_server(tmp_path):
    """A local HTTP server over a test's own folder of hand-written files."""
    from tests.http_server import LocalServer

    with LocalServer(tmp_path) as server:
        yield server


@pytest.fixture
def catalogue(db):
    """The missions catalogue (missions/catalogue/), loaded for real once per test process, then copied back. Ask for
    it before anything else that loads data sets (site_data loads the catalogue itself)."""
    from missions.services.catalogue import load_catalogue
    from tests.snapshots import load_once

    load_once("catalogue", lambda: load_catalogue() and None)


@pytest.fixture
def site_data(shared_data, db):
    """The catalogue, the areas and two real sources, assessed: enough for every page type."""
    from missions.models import Assessment
    from tests.snapshots import load_once

    load_once("site", lambda: load_site_data(shared_data))
    return list(Assessment.objects.order_by("id"))


@pytest.fixture
def site_draft(site_data, people):
    """A draft report on the site data, built by the analyst on Monday afternoon. Built for real (assessments, charts,
    PDF: about 15 s) once per test process, then copied back for each later test (tests.snapshots)."""
    import time_machine

    from reports.models import Report
    from reports.services import build_report
    from tests.reports.conftest import AS_OF, MONDAY
    from tests.snapshots import load_once

    def build() -> int:
        with time_machine.travel(MONDAY, tick=False):
            return build_report(as_of=AS_OF, author=people["analyst"]).pk

    return Report.objects.get(pk=load_once("site-draft", build))


@pytest.fixture
def published_report(site_draft, people):
    """That draft approved and scheduled by the four people and published at 09:30 the next working day: once per
    test process, then copied back."""
    from reports.models import Report
    from tests.reports.conftest import publish
    from tests.snapshots import load_once

    return Report.objects.get(pk=load_once("site-published", lambda: publish(site_draft, people).pk))


def load_site_data(shared_data: Path) -> None:
    from datetime import date

    from missions.services.areas import load_areas
    from missions.services.assess import recompute_assessments
    from missions.services.catalogue import load_catalogue
    from missions.services.ingest import ingest_source, register_source

    load_catalogue()
    load_areas(directory=shared_data / "geography")
    for slug in ("healthy-life-expectancy", "homicide-offences"):
        ingest_source(source=register_source(slug=slug), location=str(shared_data / "ons-els" / slug))
    recompute_assessments(as_of=date(2026, 6, 30))


def pytest_configure(config):
    """Under pytest-xdist each worker keeps its cache keys under its own prefix in the shared Redis database.
    Passwords are hashed with a fast hasher, as Django advises for tests: the production one (PBKDF2, a million
    rounds) costs half a CPU second for every test user and every sign-in, and no test is about its strength."""
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and settings.configured:
        settings.CACHES["default"]["KEY_PREFIX"] = worker
    if settings.configured:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from missions.caching import reset_local_state

    clear_cache()
    reset_local_state()
    yield
    clear_cache()
    reset_local_state()


def clear_cache() -> None:
    """Empty this test process's part of the cache: never FLUSHDB, which would also empty other xdist workers'
    keys and the Celery broker's queues in the same Redis database."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    assert cache.key_prefix == os.environ.get("PYTEST_XDIST_WORKER", cache.key_prefix), "a worker's cache prefix"
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=cache.make_key("*"), count=1000))
    if keys:
        client.delete(*keys)


PEOPLE = {
    "analyst": ("add_report", "view_report"),
    "approver": ("approve_report", "view_report"),
    "publisher": ("schedule_report", "view_report"),
    "nobody": (),
}


@pytest.fixture
def people(django_user_model, db):
    """An analyst, an approver, a publisher and a staff user with no permission. The users load as a data set, so
    they keep the same ids in every test and a report built once with them can be copied back (tests.snapshots);
    their permissions are granted afresh, as a transactional test's flush re-creates permissions with new ids."""
    from django.contrib.auth.models import Permission

    from tests.snapshots import load_once

    def create():
        for name in PEOPLE:
            django_user_model.objects.create_user(username=name, password="a-long-test-password", is_staff=True)

    load_once("people", create)
    users = {name: django_user_model.objects.get(username=name) for name in PEOPLE}
    for name, perms in PEOPLE.items():
        users[name].user_permissions.set(Permission.objects.filter(codename__in=perms))
    return {name: django_user_model.objects.get(username=name) for name in PEOPLE}  # fresh permission caches
