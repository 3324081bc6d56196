"""The site survives its dependencies: Redis down serves uncached pages; the database down is a clean 503."""

import socket
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # released on close: nothing listens there


@pytest.fixture
def redis_down(settings):
    from missions.caching import reset_local_state

    # The production backend on a port where nothing listens, whichever cache this run has (SQLite runs use LocMem).
    default = django_settings.CACHES["default"] | {
        "BACKEND": "tracker.resilient_cache.ResilientRedisCache",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
    settings.CACHES = {"default": default | {"LOCATION": f"redis://127.0.0.1:{_closed_port()}/0"}}
    reset_local_state()
    yield
    reset_local_state()


@pytest.mark.parametrize(
    "url", ["/", "/missions/crime/", "/areas/?q=leeds", "/api/missions/", "/api/areas/", "/healthz"]
)
def test_with_redis_down_pages_and_the_api_are_served_uncached(catalogue, redis_down, client, url, caplog):
    for _ in range(2):
        assert client.get(url).status_code == 200
    assert "cache unavailable" in caplog.text


def test_with_redis_down_staff_can_still_reach_the_sign_in_page(redis_down, client):
    assert client.get("/admin/login/").status_code == 200


@pytest.fixture
def database_down():
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("connection refused")
    ):
        yield


def test_with_the_database_down_a_page_is_a_plain_503(database_down):
    response = Client(raise_request_exception=False).get("/missions/health/")
    assert response.status_code == 503 and response["Retry-After"]
    assert "temporarily unavailable" in response.content.decode()


def test_with_the_database_down_the_api_answers_json_503(database_down):
    response = Client(raise_request_exception=False).get("/api/missions/")
    assert response.status_code == 503
    assert response.json() == {"detail": "The service is temporarily unavailable. Please try again shortly."}


def test_with_the_database_down_the_healthcheck_says_so(database_down):
    response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "database unavailable"}


def test_other_errors_stay_500(monkeypatch):
    from missions.views import pages

    monkeypatch.setattr(pages, "render", mock.Mock(side_effect=RuntimeError("a bug")))
    response = Client(raise_request_exception=False).get("/accessibility/")
    assert response.status_code == 500 and not response.has_header("Retry-After")


def test_with_redis_down_staff_can_sign_in(redis_down, client, django_user_model):
    django_user_model.objects.create_user(username="editor", password="correct-horse-battery", is_staff=True)
    response = client.post("/admin/login/", {"username": "editor", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
