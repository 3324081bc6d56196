"""Benchmark ingestion on PostgreSQL: the snapshot from empty, the unchanged re-check, and a synthetic 10x set.

Each figure is set beside the time a bare pandas read plus PostgreSQL COPY of the same rows takes, and beside its
goal (issue 14). Run: .venv/bin/python bench/ingest.py  (needs PostgreSQL; BENCH_ADMIN_URL defaults to
postgres:///postgres; BENCH_DATABASE names the scratch database, default bench_ingest)
"""

import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.setup import fresh_database  # noqa: E402

SNAPSHOT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ons-els"


def folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / f"{p.name}.csv").exists())


def ingest_all(paths) -> tuple[int, float]:
    from missions.services.ingest import ingest_source, register_source

    rows, start = 0, time.perf_counter()
    for path in paths:
        outcome = ingest_source(source=register_source(slug=path.name), location=str(path))
        rows += outcome.counts.get("added", 0) + outcome.counts.get("revised", 0)
    return rows, time.perf_counter() - start


def bare_read_and_copy(paths) -> tuple[int, float]:
    """Return (rows, seconds) for pandas.read_csv plus COPY into an unindexed table: the floor."""
    import pandas as pd
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare")
        cursor.execute(f"CREATE TABLE bench_bare ({', '.join(f'c{i} text' for i in range(20))})")
    rows, start = 0, time.perf_counter()
    for path in paths:
        frame = pd.read_csv(path / f"{path.name}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        buffer = io.StringIO()
        frame.to_csv(buffer, header=False, index=False)
        columns = ", ".join(f"c{i}" for i in range(len(frame.columns)))
        sql = f"COPY bench_bare ({columns}) FROM STDIN WITH (FORMAT csv)"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            copy.write(buffer.getvalue())
        rows += len(frame)
    return rows, time.perf_counter() - start


def synthetic(root: Path, *, indicators: int, areas: int, years: int) -> list[Path]:
    """Write ELS-layout folders: every English LSOA-like area over `years` years, one folder per indicator."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    codes = [f"E01{n:06d}" for n in range(areas)]
    paths = []
    for i in range(indicators):
        slug = f"synthetic-lsoa-{i}"
        folder = root / slug
        folder.mkdir()
        frame = pd.DataFrame(
            {
                "areacd": np.repeat(codes, years),
                "areanm": "LSOA",
                "geography": "Lower layer super output area",
                "indicator": f"Synthetic indicator {i}",
                "period": np.tile([f"{2005 + y}-01-01/P1Y" for y in range(years)], areas),
                "observation": rng.normal(100, 15, areas * years).round(1),
            }
        )
        frame["lci_95"] = (frame["observation"] - 2).round(1)
        frame["uci_95"] = (frame["observation"] + 2).round(1)
        frame["status"] = ""
        frame["notes"] = ""
        frame.to_csv(folder / f"{slug}.csv", index=False)
        (folder / f"{slug}.json").write_text('{"ess-beta-metadata": {"label": "x", "sourceDate": "01/01/2026"}}')
        paths.append(folder)
    return paths


def report(label: str, rows: int, seconds: float, bare: float | None = None) -> float:
    rate = rows / seconds if seconds else float("inf")
    extra = f"  bare read+COPY {bare:6.2f}s  ratio {seconds / bare:4.2f}x" if bare else ""
    print(f"{label:<28} {rows:>9,} rows {seconds:7.2f}s {rate:>10,.0f} rows/s  peak {peak_mb():6.0f} MB{extra}")
    return rate


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def goal(text: str, figure: str, met: bool) -> None:
    print(f"{'':<28} goal: {text:<44} measured {figure:<10} -> {'met' if met else 'NOT met'}")


def main() -> None:
    fresh_database(os.environ.get("BENCH_DATABASE", "bench_ingest"))
    paths = folders(SNAPSHOT)
    _, bare_1x = bare_read_and_copy(paths)
    rows, seconds = ingest_all(paths)
    rate_1x = report("snapshot from empty", rows, seconds, bare_1x)
    goal("snapshot <= 2.0x bare read + COPY", f"{seconds / bare_1x:.2f}x", seconds <= 2.0 * bare_1x)
    _, seconds = ingest_all(paths)
    report("unchanged re-check (all)", 0, seconds)
    goal("unchanged re-check < 1 s", f"{seconds:.2f}s", seconds < 1)
    with tempfile.TemporaryDirectory() as tmp:
        big = synthetic(Path(tmp), indicators=7, areas=33_755, years=10)
        _, bare_10x = bare_read_and_copy(big)
        rows, seconds = ingest_all(big)
        rate_10x = report("synthetic 10x (LSOA)", rows, seconds, bare_10x)
    goal("synthetic 10x <= 3.0x bare read + COPY", f"{seconds / bare_10x:.2f}x", seconds <= 3.0 * bare_10x)
    goal("rows/s at 10x >= 0.80 of rows/s at 1x", f"{rate_10x / rate_1x:.2f}", rate_10x >= 0.8 * rate_1x)
    goal("peak memory < 1 GB", f"{peak_mb():.0f} MB", peak_mb() < 1024)


if __name__ == "__main__":
    main()
