from decimal import Decimal

import pytest
import yaml

from missions.models import Framework, Metric, MetricSeries, Mission, Pillar, Target
from missions.services.catalogue import DEFAULT_CATALOGUE, load_catalogue

pytestmark = pytest.mark.django_db


def test_loading_the_catalogue_creates_twelve_missions_four_pillars_and_fifty_two_metrics():
    load_catalogue()
    assert Framework.objects.count() == 1
    assert Pillar.objects.count() == 4
    assert Mission.objects.count() == 12
    assert Metric.objects.count() == 52
    assert all(m.statement and m.statement_source for m in Mission.objects.all())


def test_every_catalogued_target_is_loaded_with_its_key():
    data = yaml.safe_load(DEFAULT_CATALOGUE.read_text())
    load_catalogue()
    expected = {(m["slug"], t["key"]) for m in data["metrics"] for t in m["targets"]}
    assert set(Target.objects.values_list("metric__slug", "key")) == expected


def test_loading_twice_creates_nothing_new():
    load_catalogue()
    counts = [model.objects.count() for model in (Mission, Metric, MetricSeries, Target)]
    result = load_catalogue()
    assert sum(result.created.values()) == 0
    assert result.differences == []
    assert [model.objects.count() for model in (Mission, Metric, MetricSeries, Target)] == counts


def test_reloading_keeps_an_edited_target_and_reports_the_difference():
    load_catalogue()
    target = Target.objects.get(metric__slug="ks2-rwm-expected", key="level")
    target.value = Decimal("85")
    target._change_reason = "Test: an edit made in the admin"
    target.save()
    result = load_catalogue()
    target.refresh_from_db()
    assert target.value == Decimal("85")
    assert any("ks2-rwm-expected" in line and "value" in line and "85" in line for line in result.differences)


def test_health_mission_carries_its_official_statement_and_both_sexes():
    load_catalogue()
    health = Mission.objects.get(slug="health")
    assert health.number == 7
    assert "Healthy Life Expectancy" in health.statement
    metric = Metric.objects.get(slug="healthy-life-expectancy")
    assert {s.breakdown for s in metric.series.all()} == {"Male", "Female"}
    gap = metric.targets.get(key="gap_narrows")
    assert gap.official is False and gap.target_year == 2030
    assert metric.targets.get(key="change").value == Decimal("5")
