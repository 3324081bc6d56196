"""The read-only API: endpoints, filters, vintages, CSV, refused writes, schema."""

from datetime import date

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
ENDPOINTS = [
    "missions",
    "metrics",
    "targets",
    "areas",
    "indicators",
    "observations",
    "assessments",
    "releases",
    "reports",
]


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_endpoint_lists_paginated_json_and_refuses_writes(site_data, api, name):
    response = api.get(f"/api/{name}/")
    assert response.status_code == 200
    assert {"count", "next", "previous", "results"} <= set(response.json())
    for method in (api.post, api.put, api.patch, api.delete):
        assert method(f"/api/{name}/", {}, format="json").status_code == 405


def test_the_catalogue_is_complete_in_the_api(site_data, api):
    assert api.get("/api/missions/").json()["count"] == 12
    assert api.get("/api/metrics/").json()["count"] == 52
    health = api.get("/api/missions/health/").json()
    assert health["number"] == 7 and "Healthy Life Expectancy" in health["statement"]


def test_observations_filter_by_metric_area_level_and_period(site_data, api):
    rows = api.get("/api/observations/", {"metric": "homicide-rate", "area": "K04000001"}).json()
    assert rows["count"] == 9 and {r["area_code"] for r in rows["results"]} == {"K04000001"}
    regions = api.get("/api/observations/", {"metric": "homicide-rate", "level": "Region"}).json()
    assert regions["count"] > 0 and all(r["area_code"].startswith("E12") for r in regions["results"])
    recent = api.get("/api/observations/", {"metric": "homicide-rate", "period_from": "2021-01-01"}).json()
    assert all(r["period_start"] >= "2021-01-01" for r in recent["results"])


def test_observations_as_of_a_date_return_the_values_published_then(site_data, api, data_server):
    from missions.services.ingest import ingest_source, register_source

    vintage = f"{data_server.url}/ons-els-vintages/2024-12-19/healthy-life-expectancy"
    ingest_source(
        source=register_source(slug="healthy-life-expectancy"), location=vintage, release_date=date(2024, 12, 19)
    )
    query = {
        "metric": "healthy-life-expectancy",
        "area": "E92000001",
        "period_from": "2019-01-01",
        "period_to": "2019-01-01",
    }
    then = api.get("/api/observations/", query | {"as_of": "2025-06-01"}).json()["results"]
    now = api.get("/api/observations/", query).json()["results"]
    assert sorted(r["value"] for r in then) == [62.74, 63.73] != sorted(r["value"] for r in now)
    assert api.get("/api/observations/", {"as_of": "June"}).status_code == 400


def test_targets_carry_their_change_history(site_data, api):
    from missions.models import Target

    target = Target.objects.get(metric__slug="healthy-life-expectancy", key="change")
    target.value = 4
    target._change_reason = "Corrected to the annex figure"
    target.save()
    found = api.get("/api/targets/", {"metric__slug": "healthy-life-expectancy"}).json()["results"]
    change = next(t for t in found if t["key"] == "change")["changes"][0]
    assert (change["field"], change["old"], change["new"], change["reason"]) == (
        "value",
        "5.0000",
        "4.0000",
        "Corrected to the annex figure",
    )


def test_the_target_list_reads_every_change_history_in_one_query(site_data, api, django_assert_max_num_queries):
    from missions.models import Target

    assert api.get("/api/targets/").json()["count"] > 20
    with django_assert_max_num_queries(8):
        assert api.get("/api/targets/", {"page": 1}).status_code == 200
    assert Target.objects.count() > 8


def test_csv_is_offered_for_any_list(site_data, api):
    response = api.get("/api/metrics/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("slug,name,mission") and len(lines) == 53


def test_the_schema_validates_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
