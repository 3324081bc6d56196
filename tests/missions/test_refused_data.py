"""The real case: the culture file refused for six values outside their intervals, then accepted with them held back."""

import csv
from datetime import date

import pytest
from django.contrib.auth.models import Group

from missions.models import Assessment, HeldBackRow, Observation, Release
from missions.services.assess import recompute_assessments
from missions.services.downloads import build_downloads
from missions.services.ingest import ingest_source, register_source
from missions.services.review import accept_with_held_back, confirm_release

pytestmark = pytest.mark.django_db
SLUG = "engagement-with-culture-and-heritage"
METRIC = "culture-engaged-with-the-arts"


@pytest.fixture
def refused(catalogue, shared_data, django_user_model):
    outcome = ingest_source(source=register_source(slug=SLUG), location=str(shared_data / "ons-els" / SLUG))
    users = {}
    for name, role in (("analyst", "Analyst"), ("approver", "Approver")):
        users[name] = django_user_model.objects.create_user(username=name, password="a-long-test-password")
        users[name].groups.add(Group.objects.get(name=role))
    return Release.objects.get(pk=outcome.release_id), users


def _status(metric=METRIC):
    recompute_assessments(as_of=date(2026, 6, 30), metric_slugs=[metric])
    return Assessment.objects.filter(target__metric__slug=metric).latest("computed_at")


def test_a_metric_whose_data_was_refused_says_so_and_never_no_data_source(refused):
    release, _ = refused
    assessment = _status()
    assert assessment.status == "data_refused"
    assert assessment.result["status_label"] == "Data refused"
    expected = f"data refused: value outside its own 95% interval, release {release.release_date}"
    assert assessment.reason.startswith(expected)
    assert f"/api/releases/{release.pk}/" in assessment.reason


def test_accepted_with_six_rows_held_back_the_culture_values_are_held_and_the_bad_rows_are_never_values(
    refused, client, settings, tmp_path
):
    release, users = refused
    accept_with_held_back(release=release, user=users["analyst"], reason="Six values outside their intervals")
    confirm_release(release=release, user=users["approver"])
    held = list(HeldBackRow.objects.filter(release=release).values_list("indicator", "area_code", "period"))
    assert len(held) == 6 and all(i == "Engaged with the arts" and p == "2023-04" for i, _, p in held)
    # The file holds one period (2023/24): the metric now has values, but a change needs a second period.
    assessment = _status()
    assert (assessment.status, assessment.reason) == ("insufficient_data", "no value after the baseline yet")
    for indicator, area, period in held:
        assert not Observation.objects.filter(indicator__name=indicator, area_code=area, period=period).exists()
    api = client.get(f"/api/releases/{release.pk}/").json()
    assert {(h["area_code"], h["reason"]) for h in api["held_back"]} == {
        (a, "value: value outside its own 95% interval") for _, a, _ in held
    }
    observations = client.get(f"/api/observations/?metric={METRIC}&area={held[0][1]}").json()
    assert all(o["period"] != "2023-04" for o in observations["results"])
    settings.MEDIA_ROOT = tmp_path
    build_downloads()
    download = b"".join(client.get(f"/metrics/{METRIC}/data.csv").streaming_content)
    rows = list(csv.reader(download.decode().splitlines()))
    header = rows.index(next(r for r in rows if r[:1] == ["indicator"]))
    data = [dict(zip(rows[header], r, strict=False)) for r in rows[header + 1 :]]
    held_rows = [r for r in data if r["status"] == "held back"]
    assert sorted(r["area_code"] for r in held_rows) == sorted(a for _, a, _ in held)
    assert all((r["period"], r["value"], r["lci_95"], r["uci_95"]) == ("2023-04", "", "", "") for r in held_rows)
    assert all(r["note"].startswith("held back on review, not a value: value: value outside") for r in held_rows)
    assert not any(r["area_code"] == a and r["period"] == "2023-04" and r["value"] for _, a, _ in held for r in data)
