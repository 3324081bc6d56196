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
