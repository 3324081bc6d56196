"""Metric data are read exactly as published on the date asked for; the current values only when they stand for it."""

from datetime import date

import pytest

from missions.models import Metric
from missions.selectors.catalogue import get_indicator_ids
from missions.selectors.series import get_data_as_of, get_metric_data

pytestmark = pytest.mark.django_db
HLE = "healthy-life-expectancy"
ENGLAND = "E92000001"


def england_2019(*, as_of: date | None) -> dict[str, float]:
    ids = get_indicator_ids(metric=Metric.objects.get(slug=HLE))
    found = {}
    for breakdown, indicator_ids in ids.items():
        data = get_metric_data(indicator_ids=indicator_ids, as_of=as_of)
        [period] = [p for p in data.sections if p.startswith("2019-01")]
        found[breakdown] = data.sections[period][ENGLAND].value
    return found


def test_metric_data_are_the_values_as_published_on_the_date_given(site_data, data_server):
    from missions.services.ingest import ingest_source, register_source

    vintage = f"{data_server.url}/ons-els-vintages/2024-12-19/healthy-life-expectancy"
    ingest_source(source=register_source(slug=HLE), location=vintage, release_date=date(2024, 12, 19))
    then, now = england_2019(as_of=date(2025, 6, 1)), england_2019(as_of=None)
    assert sorted(then.values()) == [62.74, 63.73]
    assert then != now
    assert england_2019(as_of=date(2099, 1, 1)) == now


def test_the_current_values_stand_for_a_date_only_when_nothing_was_published_after_it(site_data):
    assert get_data_as_of(date(2025, 6, 1)) == date(2025, 6, 1)
    assert get_data_as_of(date(2099, 1, 1)) is None
    assert get_data_as_of(None) is None


def test_metric_data_need_an_explicit_date_or_none_for_the_current_values():
    with pytest.raises(TypeError, match="as_of"):
        get_metric_data(indicator_ids=[])


def observe(indicator, release, area_code: str, year: int, value: float) -> None:
    from missions.models import Observation

    Observation.objects.create(
        indicator=indicator, area_code=area_code, period=str(year), period_start=date(year, 1, 1), period_months=12,
        value=value, release=release,
    )  # fmt: skip


def test_of_two_indicators_for_one_area_the_earlier_wins_and_sections_keep_time_and_code_order():
    from missions.models import Indicator, Release, Source
    from missions.progress import Point

    source = Source.objects.create(slug="two-series")
    # Named so the model's own order (by name) is the reverse of the metric's.
    first, second = (Indicator.objects.create(source=source, name=name) for name in ("b", "a"))
    r1, r2, r3 = (
        Release.objects.create(
            source=source, release_date=date(2025, 1, d), location="x", sha256="0", status="accepted"
        )
        for d in (1, 2, 3)
    )
    observe(first, r1, "E06000002", 2020, 1.0)
    observe(second, r3, "E06000002", 2020, 9.0)  # covered by the first indicator: not read
    observe(second, r2, "E06000001", 2020, 2.0)
    observe(first, r1, "E06000001", 2019, 3.0)
    data = get_metric_data(indicator_ids=[first.id, second.id], as_of=None)
    assert [(p, list(s.items())) for p, s in data.sections.items()] == [
        ("2019", [("E06000001", Point("2019", 2019.5, 3.0))]),
        ("2020", [("E06000001", Point("2020", 2020.5, 2.0)), ("E06000002", Point("2020", 2020.5, 1.0))]),
    ]
    assert data.release_ids == {r1.id, r2.id}


def test_a_series_for_one_area_builds_no_cross_sections():
    from missions.models import Indicator, Release, Source

    source = Source.objects.create(slug="one-series")
    indicator = Indicator.objects.create(source=source, name="a")
    release = Release.objects.create(
        source=source, release_date=date(2025, 1, 1), location="x", sha256="0", status="accepted"
    )
    for year in (2021, 2019, 2020):
        observe(indicator, release, ENGLAND, year, float(year))
        observe(indicator, release, "E06000001", year, 1.0)
    data = get_metric_data(indicator_ids=[indicator.id], as_of=None)
    assert [(p.period, p.value) for p in data.series_for(ENGLAND)] == [(str(y), float(y)) for y in (2019, 2020, 2021)]
    assert "sections" not in vars(data)  # built only when a cross-sectional rule asks


def test_a_read_of_a_few_areas_series_still_names_the_releases_of_every_area():
    from missions.models import Indicator, Release, Source

    source = Source.objects.create(slug="few-areas")
    first, second = (Indicator.objects.create(source=source, name=name) for name in ("b", "a"))
    r1, r2, r3 = (
        Release.objects.create(
            source=source, release_date=date(2025, 1, d), location="x", sha256="0", status="accepted"
        )
        for d in (1, 2, 3)
    )
    observe(first, r1, ENGLAND, 2020, 1.0)
    observe(first, r2, "E06000001", 2020, 2.0)  # not read, but its release is named
    observe(second, r3, "E06000001", 2020, 3.0)  # covered by the first indicator: neither read nor named
    ids = [first.id, second.id]
    whole = get_metric_data(indicator_ids=ids, as_of=None)
    few = get_metric_data(indicator_ids=ids, as_of=None, series_of=[ENGLAND])
    assert few.series_for(ENGLAND) == whole.series_for(ENGLAND)
    assert few.series_for("E06000001") == []
    assert few.release_ids == whole.release_ids == {r1.id, r2.id}
    with pytest.raises(ValueError, match="series only"):
        few.comparison(["E06"])
