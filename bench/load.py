"""Load benchmark: gunicorn on loopback serving the demo data; wrk with 32 connections per URL.

Prints requests/s, p50 and p99 for the mission, metric and area pages and an API list, and the same for a static
file served by the same server, with the ratio. Needs PostgreSQL and Debian's wrk (apt-get install wrk).
Run: .venv/bin/python bench/load.py [--seconds 10]
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.setup import fresh_database  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
URLS = {
    "mission page": "/missions/health/",
    "metric page": "/metrics/healthy-life-expectancy/",
    "area page": "/areas/E08000035/",
    "API list": "/api/assessments/",
    "static file": "/static/app.css",
}


def load_demo_data() -> None:
    from datetime import date

    from django.core.management import call_command

    from missions.services.areas import load_areas
    from missions.services.assess import recompute_assessments
    from missions.services.catalogue import load_catalogue
    from missions.services.ingest import ingest_source, register_source

    load_catalogue()
    load_areas(directory=SHARED / "geography")
    for folder in sorted(p for p in (SHARED / "ons-els").iterdir() if p.is_dir()):
        ingest_source(source=register_source(slug=folder.name), location=str(folder))
    recompute_assessments(as_of=date(2026, 6, 30))
    call_command("collectstatic", "--noinput", verbosity=0)


def start_server(port: int) -> subprocess.Popen:
    env = os.environ | {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "4", "GUNICORN_THREADS": "8"}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def run_wrk(url: str, seconds: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout

    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rate, "p50": ms(" 50"), "p99": ms(" 99"), "errors": int(errors.group(1)) if errors else 0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("needs wrk: apt-get install wrk")
    fresh_database("bench_load")
    load_demo_data()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = start_server(port)
    try:
        for path in URLS.values():  # warm the caches
            for _ in range(8):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()
        results = {name: run_wrk(f"http://127.0.0.1:{port}{path}", args.seconds) for name, path in URLS.items()}
    finally:
        server.terminate()
        server.wait(timeout=20)
    static = results["static file"]["rps"]
    print(
        f"{'':<14} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs static':>10}  (32 connections, {args.seconds}s each)"
    )
    for name, r in results.items():
        print(
            f"{name:<14} {r['rps']:>9.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['rps'] / static:>10.2f}"
            + (f"  {r['errors']} errors" if r["errors"] else "")
        )
    pages = [r for n, r in results.items() if n != "static file"]
    print(
        f"goals: p99 under 100 ms for cached pages -> {'met' if all(r['p99'] < 100 for r in pages) else 'NOT met'};"
        f" throughput at least half the static file's -> "
        f"{'met' if all(r['rps'] >= static / 2 for r in pages) else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
