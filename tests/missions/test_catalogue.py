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


def test_every_target_has_a_short_plain_public_title_without_storage_syntax():
    load_catalogue()
    for target in Target.objects.select_related("metric"):
        title = target.public_title("Male")
        assert target.title and len(title) <= 120, target
        assert "/P" not in title and "_" not in title and "{" not in title, title


@pytest.mark.parametrize(
    ("breakdown", "title"),
    [
        ("Male", "Raise healthy life expectancy for men by five years by 2035"),
        ("Female", "Raise healthy life expectancy for women by five years by 2035"),
        ("", "Raise healthy life expectancy for men and women by five years by 2035"),
    ],
)
def test_a_target_assessed_per_sex_has_a_title_for_each_sex(breakdown, title):
    load_catalogue()
    target = Target.objects.get(metric__slug="healthy-life-expectancy", key="change")
    assert target.public_title(breakdown) == title


def test_a_target_without_a_title_falls_back_to_its_metric_and_type():
    target = Target(metric=Metric(name="Pride in place"), type=Target.Type.GAP_NARROWS, title="")
    assert target.public_title() == "Pride in place: narrow the gap between areas"


def test_the_mission_citation_is_public_and_the_research_notes_are_kept_apart():
    load_catalogue()
    health = Mission.objects.get(slug="health")
    assert health.statement_source == "Levelling Up the United Kingdom, White Paper, CP 604, DLUHC, 2 February 2022"
    assert "RSN mission 7" in health.research_notes
    assert all(" | " not in m.statement_source and m.research_notes for m in Mission.objects.all())


def test_reloading_fills_titles_and_notes_left_blank_by_the_migration_but_keeps_edited_ones():
    load_catalogue()
    Target.objects.filter(metric__slug="homicide-rate").update(title="")
    Mission.objects.filter(slug="health").update(research_notes="")
    edited = Target.objects.get(metric__slug="homicide-rate", key="change")
    Target.objects.filter(pk=edited.pk).update(title="Our own edited title")
    result = load_catalogue()
    assert Target.objects.get(metric__slug="homicide-rate", key="gap_narrows").title.startswith("Narrow the gap")
    assert Target.objects.get(pk=edited.pk).title == "Our own edited title"
    assert "RSN" in Mission.objects.get(slug="health").research_notes
    assert any("homicide-rate: change: title" in line for line in result.differences)


@pytest.mark.parametrize(
    ("slug", "period_type"),
    [
        ("ks2-rwm-expected", "academic_year"),
        ("wellbeing-satisfaction", "financial_year"),
        ("gross-median-weekly-pay", "month"),
        ("healthy-life-expectancy", "calendar_year"),
    ],
)
def test_each_metric_declares_how_its_periods_read(slug, period_type):
    load_catalogue()
    assert Metric.objects.get(slug=slug).period_type == period_type


def test_the_migration_moves_the_notes_after_the_bar_out_of_an_existing_citation():
    from importlib import import_module

    from django.apps import apps

    load_catalogue()
    combined = "White Paper, 2022 | verbatim on RSN"
    Mission.objects.filter(slug="health").update(statement_source=combined, research_notes="")
    import_module("missions.migrations.0008_titles_notes_period_types").split_statement_sources(apps, None)
    health = Mission.objects.get(slug="health")
    assert (health.statement_source, health.research_notes) == ("White Paper, 2022", "verbatim on RSN")
