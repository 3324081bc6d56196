"""Assessments on the real snapshot, against independent computations."""

import math
from datetime import date

import pandas as pd
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from missions.models import Assessment, Methodology, StatusChange, Target
from missions.progress import METHOD_V1, Result, Status
from missions.services.assess import get_methodology, recompute_assessments, save_assessment
from missions.services.ingest import ingest_source, register_source

pytestmark = pytest.mark.django_db
HLE = "healthy-life-expectancy"
UPPER_TIER = ("E06", "E08", "E09", "E10", "W06", "S12", "N09")


@pytest.fixture
def hle(catalogue, shared_data):
    ingest_source(source=register_source(slug=HLE), location=str(shared_data / "ons-els" / HLE))
    return shared_data / "ons-els" / HLE / f"{HLE}.csv"


def independent_gaps(csv_path, indicator: str, baseline: str, latest: str) -> dict[str, float]:
    """Top-10% minus bottom-10% mean over upper-tier areas with values at baseline and latest, per period."""
    frame = pd.read_csv(csv_path, dtype={"observation": float})
    frame = frame[(frame["indicator"] == indicator) & frame["areacd"].str[:3].isin(UPPER_TIER)]
    frame = frame.dropna(subset=["observation"])
    wide = frame.pivot_table(index="areacd", columns="period", values="observation")
    wide = wide[wide[baseline].notna() & wide[latest].notna()]
    gaps = {}
    for period in sorted(wide.columns):
        if period < baseline:
            continue
        values = wide[period].dropna().sort_values(ascending=False)
        k = max(1, math.floor(len(values) * 0.1 + 0.5))
        gaps[period[:7] + "/P3Y"] = values.head(k).mean() - values.tail(k).mean()
    return gaps


@pytest.mark.parametrize(
    ("breakdown", "indicator"), [("Male", "Male healthy life expectancy"), ("Female", "Female healthy life expectancy")]
)
def test_the_hle_gap_equals_an_independent_pandas_computation_for_every_period(hle, breakdown, indicator):
    recompute_assessments(as_of=date(2026, 6, 30), metric_slugs=[HLE])
    result = Assessment.objects.get(target__metric__slug=HLE, target__key="gap_narrows", breakdown=breakdown).result
    engine = {row["period"]: row["gap"] for row in result["figures"]["series"]}
    expected = independent_gaps(hle, indicator, "2017-01-01/P3Y", "2022-01-01/P3Y")
    assert engine.keys() == expected.keys() and len(engine) == 6
    for period, gap in expected.items():
        assert engine[period] == pytest.approx(gap, abs=1e-9), period


def test_the_gap_widened_and_says_the_definition_is_interpreted(hle):
    recompute_assessments(as_of=date(2026, 6, 30), metric_slugs=[HLE], method=METHOD_V1)
    male = Assessment.objects.get(target__metric__slug=HLE, target__key="gap_narrows", breakdown="Male")
    assert male.status == Status.WORSENING
    assert male.result["interpreted"] is True
    assert round(male.result["figures"]["baseline"]["gap"], 2) == 10.88  # the catalogue's own figure
    assert round(male.result["figures"]["latest"]["gap"], 2) == 13.16


def test_an_assessment_as_of_a_date_before_a_revision_uses_the_values_published_then(hle, data_server):
    vintage = f"{data_server.url}/ons-els-vintages/2024-12-19/{HLE}"
    ingest_source(source=register_source(slug=HLE), location=vintage, release_date=date(2024, 12, 19))
    recompute_assessments(as_of=date(2025, 6, 1), metric_slugs=[HLE])
    recompute_assessments(as_of=date(2026, 6, 30), metric_slugs=[HLE])
    then, now = (
        Assessment.objects.get(target__key="gap_narrows", breakdown="Male", as_of=d)
        for d in (date(2025, 6, 1), date(2026, 6, 30))
    )
    assert then.result["figures"]["latest_period"] == "2021-01/P3Y"
    assert now.result["figures"]["latest_period"] == "2022-01/P3Y"
    assert then.release_ids != now.release_ids
    baseline_then = then.result["figures"]["baseline"]["gap"]
    assert baseline_then != pytest.approx(now.result["figures"]["baseline"]["gap"])  # revised back-series


def test_reassessing_the_same_date_and_data_changes_nothing(hle):
    first = recompute_assessments(as_of=date(2026, 6, 30))
    changes = StatusChange.objects.count()
    second = recompute_assessments(as_of=date(2026, 6, 30))
    assert [(a.id, a.status, a.result) for a in first] == [(a.id, a.status, a.result) for a in second]
    assert StatusChange.objects.count() == changes
    assert Assessment.objects.count() == len(first)


def test_a_first_assessment_writes_each_new_row_once(hle):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assessed = recompute_assessments(as_of=date(2026, 6, 30), metric_slugs=[HLE])
    writes = [q["sql"].split(" ", 2)[:2] for q in queries if '"missions_assessment"' in q["sql"].split(" SET ")[0]]
    assert assessed and ["INSERT", "INTO"] in writes and ["UPDATE", '"missions_assessment"'] not in writes


def test_a_reassessment_rewrites_only_the_rows_whose_result_changed_and_dates_every_row(hle):
    first = {a.id: a for a in recompute_assessments(as_of=date(2026, 6, 30), metric_slugs=[HLE])}
    target = Target.objects.get(metric__slug=HLE, key="change")
    target.value = 3
    target._change_reason = "Test: the target moved before the reassessment"
    target.save()
    recompute_assessments(as_of=date(2026, 6, 30), metric_slugs=[HLE])
    stored = Assessment.objects.in_bulk(list(first))
    moved = {pk for pk, a in stored.items() if a.target_snapshot != first[pk].target_snapshot}
    assert moved == {pk for pk, a in first.items() if a.target_id == target.id}
    assert all(stored[pk].target_snapshot["value"] == "3.0000" for pk in moved)
    assert all(stored[pk].result == first[pk].result for pk in set(first) - moved)
    assert all(a.computed_at > first[pk].computed_at for pk, a in stored.items())


def test_a_change_of_status_is_logged(hle):
    target = Target.objects.get(metric__slug=HLE, key="change")
    method = get_methodology()
    for day, status in ((date(2025, 1, 1), Status.ON_TRACK), (date(2026, 1, 1), Status.DETERIORATING)):
        save_assessment(target, "Male", day, method, Result("quantified", status, "", 1), [])
    log = StatusChange.objects.filter(target=target).order_by("as_of")
    assert [(c.old_status, c.new_status) for c in log] == [("", "on_track"), ("on_track", "deteriorating")]


def test_a_stored_method_version_is_never_silently_changed():
    Methodology.objects.create(
        version=1, parameters={"version": 1, "on_track_ratio": 0.9}, published_on=date(2026, 1, 1)
    )
    with pytest.raises(ImproperlyConfigured, match="differs"):
        get_methodology(method=METHOD_V1)


def test_assessments_keep_the_target_values_they_used(hle):
    recompute_assessments(as_of=date(2026, 6, 30), metric_slugs=[HLE])
    target = Target.objects.get(metric__slug=HLE, key="change")
    target.value = 3
    target._change_reason = "Test: the target moved after the assessment"
    target.save()
    kept = Assessment.objects.get(target=target, breakdown="Male")
    assert kept.target_snapshot["value"] == "5.0000" and kept.result["figures"]["target_level"] == pytest.approx(67.9)


def test_the_assess_command_prints_a_status_or_a_reason_for_every_target(hle, capsys):
    call_command("assess", "--as-of", "2026-06-30")
    lines = capsys.readouterr().out.splitlines()[1:]
    assert len(lines) == Target.objects.count() + 2  # the two health targets are assessed per sex
    for line in lines:
        assert any(
            label in line
            for label in (
                "Improving",
                "Worsening",
                "No clear change",
                "On track",
                "Achieved",
                "Limited progress",
                "acceleration",
                "Insufficient data:",
                "No data source yet:",
            )
        )
    assert "not been ingested" in "\n".join(lines)


def test_a_metric_judged_on_one_areas_series_is_read_for_that_area_alone_with_the_same_result(catalogue, shared_data):
    from missions.models import Metric
    from missions.progress import METHOD_V2
    from missions.selectors.catalogue import get_indicator_ids
    from missions.selectors.series import get_metric_data
    from missions.services.evaluate import evaluate_target, needed_area_prefixes, series_areas

    assert series_areas(Metric.objects.get(slug=HLE)) is None  # a gap target reads cross-sections
    assert series_areas(Metric.objects.get(slug="ks2-rwm-expected")) is None  # so does a bottom-decile group
    ingest_source(
        source=register_source(slug="network-coverage-4g"),
        location=str(shared_data / "ons-els" / "network-coverage-4g"),
    )
    [target] = Target.objects.filter(metric__slug="4g-geographic-coverage", status="active")
    [ids] = get_indicator_ids(metric=target.metric).values()
    read = {"indicator_ids": ids, "as_of": None, "area_prefixes": needed_area_prefixes(target.metric)}
    whole, few = get_metric_data(**read), get_metric_data(**read, series_of=series_areas(target.metric))
    assert sum(map(len, few.rows.values())) < sum(map(len, whole.rows.values())) / 10
    assert few.release_ids == whole.release_ids
    results = [evaluate_target(target=target, data=data, method=METHOD_V2) for data in (whole, few)]
    assert results[0] == results[1] and results[0].status != Status.NO_DATA_SOURCE
