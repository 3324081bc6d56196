"""Rendering a report's files: charts are drawn once per snapshot in a process, and anew when the snapshot changes."""

import copy

from reports import render
from tests.reports.fixtures import gap_entry, quantified_entry


def snapshot_with() -> dict:
    entries = [quantified_entry(), gap_entry()]
    return {"as_of": "2026-06-30", "missions": [{"number": 7, "short_name": "Health", "targets": entries}]}


def test_a_report_rendered_again_on_the_same_snapshot_reuses_its_drawn_charts(monkeypatch):
    calls = []
    monkeypatch.setattr(render, "build_charts", lambda snapshot: calls.append(snapshot) or {"summary": []})
    monkeypatch.setattr(render, "_drawn", type(render._drawn)())
    snapshot = snapshot_with()
    first = render.charts_for(snapshot)
    assert render.charts_for(copy.deepcopy(snapshot)) is first and len(calls) == 1

    changed = copy.deepcopy(snapshot) | {"as_of": "2026-07-01"}
    assert render.charts_for(changed) is not first and len(calls) == 2


def test_a_process_keeps_the_charts_of_only_a_few_snapshots(monkeypatch):
    monkeypatch.setattr(render, "build_charts", lambda snapshot: {"summary": []})
    monkeypatch.setattr(render, "_drawn", type(render._drawn)())
    for day in range(1, 6):
        render.charts_for(snapshot_with() | {"as_of": f"2026-07-0{day}"})
    assert len(render._drawn) == render.CHARTS_KEPT
