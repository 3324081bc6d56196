"""The gunicorn command line the Dockerfile and docker-compose.yml use serves the app."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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


def test_gunicorn_with_the_shared_config_answers_the_healthcheck():
    port = _free_port()
    env = os.environ | {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
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
