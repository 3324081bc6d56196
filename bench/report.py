"""Benchmark building a full twelve-mission report on the demo data: seconds per artefact and in total.

Run: .venv/bin/python bench/report.py  (needs PostgreSQL; BENCH_ADMIN_URL defaults to postgres:///postgres)
"""

import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.setup import fresh_database  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def timed(label: str, func, totals: dict, cpu: dict):
    start, start_cpu = time.perf_counter(), time.process_time()
    result = func()
    totals[label], cpu[label] = time.perf_counter() - start, time.process_time() - start_cpu
    return result


def main() -> None:
    fresh_database(os.environ.get("BENCH_DATABASE", "bench_report"))
    import weasyprint  # noqa: F401 - imported as a running worker has it: render_pdf imports it lazily (about 0.5 s)

    from missions.services.areas import load_areas
    from missions.services.assess import recompute_assessments
    from missions.services.catalogue import load_catalogue
    from missions.services.ingest import ingest_source, register_source
    from reports.models import Report
    from reports.render import build_charts, render_html, render_pdf, render_tables
    from reports.snapshot import build_snapshot

    load_catalogue()
    load_areas(directory=SHARED / "geography")
    for folder in sorted(p for p in (SHARED / "ons-els").iterdir() if p.is_dir()):
        ingest_source(source=register_source(slug=folder.name), location=str(folder))
    totals: dict[str, float] = {}
    cpu: dict[str, float] = {}  # this process's CPU seconds: the machine may be shared
    report = Report(title="Benchmark report", version=1, as_of=date(2026, 6, 30))  # unsaved: nothing is stored
    timed("assess 12 missions", lambda: recompute_assessments(as_of=date(2026, 6, 30)), totals, cpu)
    snapshot = timed("snapshot (read)", lambda: build_snapshot(as_of=date(2026, 6, 30)), totals, cpu)
    charts = timed("charts (SVG + PNG)", lambda: build_charts(snapshot), totals, cpu)
    timed("HTML", lambda: render_html(report, snapshot, charts), totals, cpu)
    pdf = lambda: render_pdf(render_html(report, snapshot, charts, for_pdf=True))  # noqa: E731
    timed("PDF (HTML with PNG, WeasyPrint)", pdf, totals, cpu)
    tables = timed("CSV and Excel", lambda: render_tables(snapshot), totals, cpu)
    count = sum(len(c) for c in charts.values())
    for label, seconds in totals.items():
        print(f"{label:<34} {seconds:6.2f}s  (CPU {cpu[label]:6.2f}s)")
    total = sum(totals.values())
    print(
        f"{'total':<34} {total:6.2f}s  (CPU {sum(cpu.values()):6.2f}s; {count} charts, {len(tables)} data files)"
        f"  goal under 15 s: {'met' if total < 15 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
