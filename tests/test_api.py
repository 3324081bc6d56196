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


def test_a_malformed_as_of_is_refused_with_a_clear_message(site_data, api):
    for name in ("observations", "assessments"):
        for text in ("June", "30/06/2026", "2026-13-01", "2026-6-30", "\uff12\uff10\uff12\uff16-06-30", "26-06-30"):
            response = api.get(f"/api/{name}/", {"as_of": text})
            assert response.status_code == 400, (name, text)
            assert response.json() == {"as_of": ["as_of must be a date written YYYY-MM-DD, for example 2026-06-30."]}


def test_assessments_as_of_a_date_are_those_made_for_that_date(site_data, api):
    assert api.get("/api/assessments/", {"as_of": "2026-06-30"}).json()["count"] == len(site_data)
    assert api.get("/api/assessments/", {"as_of": "2026-06-29"}).json()["count"] == 0


def test_every_as_of_parameter_is_a_date_with_its_own_documented_meaning():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    meanings = {}
    for path, operations in paths.items():
        for parameter in operations["get"].get("parameters", []):
            if parameter["name"] == "as_of":
                assert parameter["schema"] == {"type": "string", "format": "date"}, path
                meanings[path] = parameter["description"]
    assert set(meanings) == {"/api/observations/", "/api/assessments/"}
    assert "as published at the end of this date" in meanings["/api/observations/"]
    assert "exactly this date" in meanings["/api/assessments/"]


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("missions", 2),
        ("metrics", 2),
        ("targets", 3),  # the page, its count and every target's change history in one query
        ("areas", 2),
        ("indicators", 2),
        ("observations", 2),
        ("observations/?as_of=2025-06-01", 2),
        ("assessments", 2),
        ("releases", 3),  # and the rows held back, prefetched
        ("coverage", 8),  # indicators and releases once, then one aggregate per metric holding data (two here)
        ("reports", 3),
    ],
)
def test_api_lists_stay_within_a_query_budget(site_data, api, django_assert_max_num_queries, name, limit):
    from missions.caching import bump_data_version

    bump_data_version()  # a fresh data version: the response is built, not served from the public cache
    with django_assert_max_num_queries(limit):
        assert api.get(f"/api/{name}" + ("" if "?" in name else "/")).status_code == 200


def test_csv_is_offered_for_any_list(site_data, api):
    response = api.get("/api/metrics/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("slug,name,mission") and len(lines) == 53


def test_the_schema_validates_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
