"""Benchmark a full reassessment: every target of every mission across every area, on the whole snapshot.

Run: .venv/bin/python bench/assess.py  (needs PostgreSQL; BENCH_ADMIN_URL defaults to postgres:///postgres)
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.setup import fresh_database  # noqa: E402

SNAPSHOT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ons-els"


def main() -> None:
    fresh_database(os.environ.get("BENCH_DATABASE", "bench_assess"))
    from missions.services.assess import recompute_assessments
    from missions.services.catalogue import load_catalogue
    from missions.services.ingest import ingest_source, register_source

    load_catalogue()
    for folder in sorted(p for p in SNAPSHOT.iterdir() if p.is_dir()):
        ingest_source(source=register_source(slug=folder.name), location=str(folder))
    for run in ("first run", "second run"):
        start, start_cpu = time.perf_counter(), time.process_time()
        assessments = recompute_assessments()
        seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        print(
            f"{run:<11} {len(assessments):>4} assessments {seconds:6.2f}s (CPU {cpu:5.2f}s, the machine may be shared)"
            f" {len(assessments) / seconds:8.1f}/s  goal under 1 s: {'met' if seconds < 1 else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
