"""Pure modules import nothing from Django, directly or through what they import; missions never imports reports."""

import ast
import subprocess
import sys
from pathlib import Path

MISSIONS = Path(__file__).resolve().parent.parent / "missions"

PURE = [
    "missions.progress",
    "missions.findings",
    "missions.findings.ranks",
    "missions.figures.area_lines",
    "missions.views.area_choice",
    "missions.figures.tables",
    "missions.figures.drawing",
    "missions.figures.series",
    "missions.figures.areas",
    "missions.figures.grid",
    "missions.figures.context",
    "missions.figures.wording",
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


def test_every_figures_module_is_checked_for_purity():
    modules = {f"missions.figures.{p.stem}" for p in (MISSIONS / "figures").glob("*.py") if p.stem != "__init__"}
    assert modules <= set(PURE)


def _setting_paths() -> dict[str, str]:
    """Return the settings whose value is a dotted path, by name."""
    tree = ast.parse((MISSIONS.parent / "tracker" / "settings.py").read_text())
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _named_modules(path: Path, settings: dict[str, str]) -> set[str]:
    """Return every module a file imports or names: by a dotted string, or through a setting holding one."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module or "")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and " " not in node.value:
            names.add(node.value)  # a hook such as import_string("reports.render.page_charts")
        elif isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "settings":
            names.add(settings.get(node.attr, ""))  # a hook such as import_string(settings.PUBLIC_CHARTS)
    return names


def test_missions_never_imports_reports():
    settings = _setting_paths()
    found = {
        str(path.relative_to(MISSIONS)): sorted(
            n for n in _named_modules(path, settings) if n.split(".")[0] == "reports"
        )
        for path in sorted(MISSIONS.rglob("*.py"))
    }
    assert {path: names for path, names in found.items() if names} == {}
