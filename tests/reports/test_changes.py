"""Since the last report: statuses that moved, new releases, revisions of printed figures, target changes."""

from datetime import date, datetime

import pytest
import time_machine

from missions.entries import EntryMetric, EntryTarget, build_entry
from missions.findings import write_finding
from missions.models import Target
from missions.progress import Point, assess_quantified
from missions.services.ingest import ingest_source, register_source
from reports.changes import compare_snapshots
from reports.services import build_report
from tests.reports.conftest import LONDON, publish

HLE = "healthy-life-expectancy"


def entry(*, latest=(2021, 60.7), revised: dict | None = None, target_value: float = 5.0) -> dict:
    """A snapshot entry as a report stores it: a real quantified result through build_entry, with its finding."""
    values = {"2018": 58.9, **(revised or {}), str(latest[0]): latest[1]}
    result = assess_quantified(
        points=[Point(period, int(period) + 0.5, value) for period, value in values.items()],
        baseline_period="2018",
        target_value=target_value,
        value_kind="increase_over_baseline",
        target_time=2035.5,
        polarity="higher",
    )
    built = build_entry(
        metric=EntryMetric(slug="hle", name="Healthy life expectancy", unit="years", sources=(HLE,)),
        target=EntryTarget(
            key="change",
            type="change",
            label=f"Change {target_value:g}",
            title="Raise healthy life expectancy for men by five years by 2035",
            snapshot={"value": f"{target_value:.4f}", "target_year": 2035},
        ),
        result=result.as_dict(),
        as_of=date(2026, 6, 30),
        breakdown="Male",
    )
    return built | {"finding": write_finding(built).as_dict()}


def snapshot(entries, releases=(1,), method=1) -> dict:
    return {
        "as_of": "2026-06-30",
        "methodology": {"version": method},
        "missions": [{"number": 7, "targets": entries}],
        "releases": [{"id": r, "source": HLE, "release_date": "2025-01-01"} for r in releases],
    }


def test_a_first_report_has_nothing_to_compare_with():
    assert compare_snapshots(None, snapshot([entry()]))["previous"] is None


def test_moves_releases_revisions_targets_and_method_are_each_found():
    before = snapshot([entry(latest=(2021, 60.7))], releases=(1,))
    revised = entry(latest=(2022, 58.0), revised={"2021": 60.4}, target_value=6.0)  # 2021 revised from 60.7
    changes = compare_snapshots(before, snapshot([revised], releases=(1, 2), method=2))
    assert changes["moves"] == [
        {
            "key": "hle-change-male",
            "mission": 7,
            "title": revised["title"],
            "from": "on_track",
            "from_label": "On track",
            "to": "deteriorating",
            "to_label": "Worsening",
            "why": revised["finding"]["headline"],
            "reason": revised["reason"],
        }
    ]
    assert [r["id"] for r in changes["releases"]] == [2]
    [revision] = changes["revisions"]
    assert (revision["what"], revision["period"], revision["old"], revision["new"]) == ("latest", "2021", 60.7, 60.4)
    assert [r["id"] for r in revision["releases"]] == [2]
    assert changes["targets"][0]["fields"] == [{"field": "value", "old": "5.0000", "new": "6.0000"}]
    assert changes["method"] == {"from": 1, "to": 2}


def test_a_revision_too_small_to_change_the_printed_figure_is_not_listed():
    before = snapshot([entry(latest=(2021, 60.71))])
    after = snapshot([entry(latest=(2021, 60.74))], releases=(1, 2))
    assert compare_snapshots(before, after)["revisions"] == []


@pytest.mark.django_db
def test_a_report_after_a_later_vintage_lists_the_revisions_releases_and_goalposts_since_the_last(
    hle_data, people, data_server, client
):
    vintage = f"{data_server.url}/ons-els-vintages/2024-12-19/{HLE}"
    ingest_source(source=register_source(slug=HLE), location=vintage, release_date=date(2024, 12, 19))
    first = build_report(as_of=date(2025, 6, 1), author=people["analyst"])
    assert first.snapshot["changes"]["previous"] is None
    first = publish(first, people, at=datetime(2026, 11, 23, 15, 0, tzinfo=LONDON))
    target = Target.objects.get(metric__slug=HLE, key="change")
    target.target_year, target._change_reason = 2036, "Test: the target year moved"
    target.save()
    with time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=LONDON), tick=False):
        second = build_report(as_of=date(2026, 6, 30), author=people["analyst"])
    changes = second.snapshot["changes"]
    assert changes["previous"]["id"] == first.pk
    assert {r["source"] for r in changes["releases"]} == {HLE}
    gap = [r for r in changes["revisions"] if r["key"] == f"{HLE}-gap_narrows-male" and r["what"] == "baseline"]
    assert gap and gap[0]["old"] != pytest.approx(gap[0]["new"]) and gap[0]["releases"]
    assert any(g["reason"] == "Test: the target year moved" and g["mission"] == 7 for g in changes["goalposts"])
    assert any(t["fields"] == [{"field": "target_year", "old": 2035, "new": 2036}] for t in changes["targets"])
    page = bytes(second.artefacts.get(name="report.html").content).decode()
    assert "Revisions to figures the last report printed" in page and f"{gap[0]['old']:.1f}" in page
    assert client.get(f"/api/reports/{second.pk}/changes/").status_code == 404  # embargoed until published
    second = publish(second, people, at=datetime(2026, 11, 25, 15, 0, tzinfo=LONDON))
    response = client.get(f"/api/reports/{second.pk}/changes/")
    assert response.status_code == 200 and response.json() == changes
