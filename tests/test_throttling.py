"""Throttles count every request of a client: a fresh X-Forwarded-For or a cached URL does not reset them."""

import os
import subprocess
import sys

import pytest
from rest_framework.throttling import SimpleRateThrottle

from tests.test_deployment import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(monkeypatch, catalogue):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})


def test_a_fresh_x_forwarded_for_per_request_does_not_reset_the_count(three_a_minute, client):
    statuses = [
        client.get(f"/api/missions/?status=active&n={n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_behind_one_proxy_the_address_it_appends_is_the_client(three_a_minute, client, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"NUM_PROXIES": 1}
    spoofed = [
        client.get(f"/api/missions/?n={n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 192.0.2.7").status_code
        for n in range(4)
    ]
    assert spoofed == [200, 200, 200, 429]
    other = client.get("/api/missions/?n=9", HTTP_X_FORWARDED_FOR="192.0.2.8")
    assert other.status_code == 200  # another client behind the same proxy has its own budget


def test_responses_served_from_the_cache_count_against_the_throttle(three_a_minute, client):
    statuses = [client.get("/api/missions/").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    refused = client.get("/api/missions/")
    assert int(refused["Retry-After"]) > 0 and "throttled" in refused.json()["detail"]


@pytest.mark.parametrize(("value", "expected"), [(None, "0"), ("1", "1"), ("2", "2")])
def test_the_proxy_count_comes_from_the_environment(value, expected):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_NUM_PROXIES"}
    if value is not None:
        env["DJANGO_NUM_PROXIES"] = value
    code = "from tracker import settings as s; print(s.REST_FRAMEWORK['NUM_PROXIES'])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected
