"""Pure modules import nothing from Django, directly or through what they import."""

import subprocess
import sys

PURE = [
    "missions.progress",
    "missions.findings",
    "missions.findings.ranks",
    "missions.views.area_choice",
    "reports.changes",
    "reports.commentary",
    "missions.statuses",
    "missions.judged",
    "missions.entries",
    "missions.geography",
    "missions.ingestion.periods",
    "missions.ingestion.ons_els",
    "missions.ingestion.validation",
    "missions.ingestion.registry",
    "missions.ingestion.http",
    "missions.spreadsheet_cells",
]


def test_pure_modules_never_load_django():
    code = f"import sys; import {', '.join(PURE)}; print(sorted(m for m in sys.modules if m.startswith('django')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
