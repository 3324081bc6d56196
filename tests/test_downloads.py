"""Downloads are built once per data change by a task, stored with their hash, and served as files, never built."""

import io
import zipfile
from datetime import date
from unittest import mock

import pytest
from django.core.management import call_command
from rest_framework.throttling import SimpleRateThrottle

from missions.models import Download
from missions.services.downloads import build_downloads
from tests.test_deployment import ROOT

pytestmark = pytest.mark.django_db
METRICS = 52


@pytest.fixture
def homicide(catalogue, settings, tmp_path):
    """The catalogue and one current homicide observation; files go to a temporary media folder."""
    from missions.models import Indicator, Observation, Release, Source

    settings.MEDIA_ROOT = tmp_path
    source = Source.objects.create(slug="homicide-offences")
    indicator = Indicator.objects.create(source=source, name="Homicide Offences")
    release = Release.objects.create(
        source=source, release_date=date(2025, 2, 1), location="x", sha256="0", status="accepted"
    )
    Observation.objects.create(
        indicator=indicator, area_code="E23000001", period="2020", period_start=date(2020, 1, 1), period_months=12,
        value=12.5, release=release,
    )  # fmt: skip
    return indicator


def test_before_the_first_build_a_download_is_a_503_and_nothing_is_built(homicide, client):
    with mock.patch("missions.selectors.downloads.list_metric_rows") as rows:
        for url in ("/data/all.zip", "/metrics/homicide-rate/data.csv"):
            response = client.get(url)
            assert response.status_code == 503 and int(response["Retry-After"]) > 0
    rows.assert_not_called()
    assert not Download.objects.exists()


def test_an_unknown_metric_has_no_download(homicide, client):
    assert client.get("/metrics/no-such-metric/data.csv").status_code == 404


def test_built_files_are_served_with_an_etag_and_answer_304(homicide, client):
    build_downloads()
    with mock.patch("missions.selectors.downloads.list_metric_rows", side_effect=AssertionError("built per request")):
        response = client.get("/metrics/homicide-rate/data.csv")
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode()
        assert "E23000001" in body and response["ETag"] == f'"{Download.objects.get(name="homicide-rate.csv").sha256}"'
        assert client.get("/metrics/homicide-rate/data.csv", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
        archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get("/data/all.zip").streaming_content)))
    assert len(archive.namelist()) == METRICS + 1 and "metadata.json" in archive.namelist()
    assert "E23000001" in archive.read("homicide-rate.csv").decode()


def test_rebuilding_unchanged_data_writes_nothing(homicide):
    first = build_downloads()
    files = dict(Download.objects.values_list("name", "file"))
    assert len(first["changed"]) == METRICS + 1
    assert build_downloads()["changed"] == []
    assert dict(Download.objects.values_list("name", "file")) == files


def test_new_data_rebuilds_only_the_files_it_changes_and_removes_the_old_ones(
    homicide, django_capture_on_commit_callbacks
):
    from missions.models import Observation

    build_downloads()
    old = Download.objects.get(name="homicide-rate.csv")
    row = Observation.objects.get()
    Observation.objects.create(
        indicator=homicide, area_code="E23000002", period="2020", period_start=date(2020, 1, 1), period_months=12,
        value=-3.0, release=row.release,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert sorted(build_downloads()["changed"]) == ["all.zip", "homicide-rate.csv"]
    assert not old.file.storage.exists(old.file.name)
    assert Download.objects.get(name="homicide-rate.csv").sha256 != old.sha256


def test_query_strings_on_downloads_leave_nothing_in_the_cache(homicide, client):
    from missions.caching import _pages

    build_downloads()
    for n in range(5):
        assert client.get(f"/data/all.zip?x={n}").status_code == 200
        assert client.get(f"/metrics/homicide-rate/data.csv?n={n}").status_code == 200
    assert not _pages


def test_downloads_are_throttled_per_client(homicide, client, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"downloads": "2/minute", "anon": "100/minute"})
    build_downloads()
    statuses = [client.get("/data/all.zip", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_an_assessment_or_a_publication_queues_a_build_on_commit(homicide):
    from missions.tasks import assess_metrics_task
    from reports.tasks import publish_due_reports_task

    with mock.patch("missions.tasks.build_downloads_task.delay_on_commit") as queued:
        assess_metrics_task(["homicide-rate"], "2026-06-30")
        assert queued.call_count == 1
        with mock.patch("reports.tasks.publish_due_reports", return_value=[mock.Mock(id=1)]):
            publish_due_reports_task()
        assert queued.call_count == 2
        with mock.patch("reports.tasks.publish_due_reports", return_value=[]):
            publish_due_reports_task()
        assert queued.call_count == 2


def test_a_governed_catalogue_change_rebuilds_the_downloads_once_it_commits(
    homicide, admin_user, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    from missions.models import Metric
    from missions.services.governance import edit_metric, retire, save_catalogue_object
    from missions.tasks import build_downloads_task

    build_downloads()
    metric = Metric.objects.get(slug="homicide-rate")
    run_now = mock.patch.object(build_downloads_task, "delay", side_effect=lambda: build_downloads_task())
    with run_now as queued:
        with django_capture_on_commit_callbacks(execute=True):
            edit_metric(metric=metric, user=admin_user, changes={"name": "Killings per million"}, reason="plainer")
            assert queued.call_count == 0  # not before the change commits
        assert queued.call_count == 1
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
            edit_metric(metric=metric, user=admin_user, changes={"name": "Unexplained"}, reason=" ")
        assert queued.call_count == 1  # a refused change queues nothing
        with django_capture_on_commit_callbacks(execute=True):
            retire(obj=metric.targets.first(), user=admin_user, on=date(2026, 7, 1), reason="Dropped")
        assert queued.call_count == 2
        metric.name = "Homicides per million people"
        with django_capture_on_commit_callbacks(execute=True):  # the admin's door
            save_catalogue_object(obj=metric, user=admin_user, reason="plainer still")
        assert queued.call_count == 3
    csv_file = Download.objects.get(name="homicide-rate.csv").file
    assert "# name,Homicides per million people" in csv_file.open().read().decode()


def _metadata_lines(slug: str) -> dict[str, str]:
    import csv

    from missions.models import Metric
    from missions.selectors.downloads import get_metric_csv

    rows = csv.reader(io.StringIO(get_metric_csv(Metric.objects.get(slug=slug)).decode()))
    return {row[0].removeprefix("# "): row[1] for row in rows if row[0].startswith("# ")}


def test_a_metrics_download_states_the_devolved_nations_series_as_its_page_does(homicide):
    import json

    from missions.selectors.devolved import list_devolved_series

    statements = [d["statement"] for d in list_devolved_series(metric_slug="apprenticeship-starts")]
    assert len(statements) == 2 and "“are not directly comparable”" in statements[1]
    assert json.loads(_metadata_lines("apprenticeship-starts")["devolved"]) == statements
    assert json.loads(_metadata_lines("homicide-rate")["devolved"]) == []


def test_the_command_twin_builds_every_file_and_make_data_runs_it(homicide):
    call_command("build_downloads")
    assert Download.objects.count() == METRICS + 1
    data_target = (ROOT / "Makefile").read_text().split("\ndata:")[1].split("\n\n")[0]
    assert "build_downloads" in data_target
