"""The gunicorn command line the Dockerfile and docker-compose.yml use serves the app."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_dockerfile_runs_gunicorn_with_the_shared_config():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r'CMD \["gunicorn", "-c", "gunicorn.conf.py"\]', dockerfile)
    assert "USER monitor" in dockerfile and "MPLBACKEND=Agg" in dockerfile
    assert "gunicorn -c gunicorn.conf.py" in (ROOT / "docker-compose.yml").read_text()


def test_gunicorn_with_the_shared_config_answers_the_healthcheck(db):
    port = _free_port()
    env = os.environ | {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
    if connection.vendor == "postgresql":  # the healthcheck queries the database: point it at the test one
        env["DATABASE_URL"] = f"postgres:///{connection.settings_dict['NAME']}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env, stderr=subprocess.PIPE)
    try:
        body = b""
        for _ in range(100):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        assert body == b'{"status": "ok"}'
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _settings(env: dict) -> subprocess.CompletedProcess:
    """Load the settings in a fresh interpreter with only these DJANGO_* variables; print what production means."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env
    code = (
        "from tracker import settings as s; print(s.PRODUCTION, s.ADMIN_REQUIRE_OTP, s.SECURE_HSTS_SECONDS > 0, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def _example() -> dict:
    lines = (ROOT / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


GOOD_KEY = "q7Vx2mLp9Rt4Wz8Kc1Nb6Hd3Jf5Gs0Ya-_Ue7Io2Pl4Mk9Nj1Bh3Vg5Cf8Xd6Sz0Aq"


def test_the_example_environment_is_production_with_two_factor_hsts_and_secure_cookies():
    env = {k: v for k, v in _example().items() if k.startswith("DJANGO_")} | {"DJANGO_SECRET_KEY": GOOD_KEY}
    result = _settings(env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"] * 6


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(None, id="the example's placeholder"),
        pytest.param("insecure-development-key-change-me", id="the development default"),
        pytest.param("k" * 60, id="one character repeated"),
        pytest.param("ab" * 40, id="two characters repeated"),
        pytest.param("0123456789"[:8] * 8, id="eight distinct characters"),
        pytest.param("q7Vx2mLp9Rt4Wz8Kc1Nb", id="too short"),
        pytest.param("", id="empty"),
    ],
)
def test_production_refuses_a_placeholder_or_low_entropy_key(key):
    example = {k: v for k, v in _example().items() if k.startswith("DJANGO_")}
    env = example if key is None else example | {"DJANGO_SECRET_KEY": key}
    result = _settings(env)
    assert result.returncode != 0 and "production needs DJANGO_SECRET_KEY" in result.stderr


def test_compose_keeps_the_image_in_production_whatever_the_env_file_says():
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert str(compose["x-app"]["environment"]["DJANGO_PRODUCTION"]).lower() == "true"
    for service in ("web", "worker", "beat"):
        assert str(compose["services"][service]["environment"]["DJANGO_PRODUCTION"]).lower() == "true"
    assert "DJANGO_PRODUCTION=true" in (ROOT / "Dockerfile").read_text().replace(" ", "")
