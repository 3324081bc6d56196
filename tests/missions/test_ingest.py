"""Ingestion against a real local HTTP server: vintages, conditional GET, quarantine."""

from datetime import date

import pytest

from missions.ingestion.base import TransientSourceError
from missions.models import Indicator, Observation, Release
from missions.selectors import list_observations_as_of, list_revision_history
from missions.services.ingest import ingest_source, register_source
from missions.services.release_files import PackedFiles

pytestmark = pytest.mark.django_db
HLE = "healthy-life-expectancy"


def _rows(path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8-sig").splitlines()[1:] if line)


def _ingest(slug, location="", release_date=None):
    return ingest_source(source=register_source(slug=slug), location=location, release_date=release_date)


def test_a_source_ingested_over_http_stores_every_row(settings, data_server, shared_data):
    settings.ONS_ELS_BASE_URL = f"{data_server.url}/ons-els"
    outcome = _ingest(HLE)
    assert outcome.status == "accepted"
    assert outcome.counts["added"] == _rows(shared_data / "ons-els" / HLE / f"{HLE}.csv")
    release = Release.objects.get(pk=outcome.release_id)
    assert release.release_date == date(2026, 2, 19) and release.release_date_basis == "metadata sourceDate"
    assert Observation.objects.count() == outcome.counts["added"]


def test_reingesting_the_same_release_changes_nothing(settings, data_server, monkeypatch):
    settings.ONS_ELS_BASE_URL = f"{data_server.url}/ons-els"
    _ingest("homicide-offences")
    before = (Observation.objects.count(), Release.objects.count())
    register_source(slug="homicide-offences").__class__.objects.update(etag="", last_modified="")
    compressed = []
    monkeypatch.setattr(PackedFiles, "start", lambda packed: compressed.append(packed))
    again = _ingest("homicide-offences")
    assert again.status == "unchanged"
    assert (Observation.objects.count(), Release.objects.count()) == before
    assert compressed == []  # known by its digest: its files are not compressed again


def test_a_304_stores_nothing(settings, data_server):
    settings.ONS_ELS_BASE_URL = f"{data_server.url}/ons-els"
    _ingest("homicide-offences")
    before = (Observation.objects.count(), Release.objects.count())
    outcome = _ingest("homicide-offences")
    assert data_server.httpd.statuses[-1] == 304
    assert outcome.status == "unchanged" and "not modified" in outcome.message
    assert (Observation.objects.count(), Release.objects.count()) == before


def test_a_vintage_then_the_current_file_records_real_revisions_and_as_of_returns_the_older_values(
    settings, data_server
):
    settings.ONS_ELS_BASE_URL = f"{data_server.url}/ons-els"
    old = _ingest(HLE, f"{data_server.url}/ons-els-vintages/2024-12-19/{HLE}", date(2024, 12, 19))
    new = _ingest(HLE)
    assert new.counts["revised"] > 1000 and new.counts["withdrawn"] > 0
    male = Indicator.objects.get(source__slug=HLE, name="Male healthy life expectancy")
    versions = list(list_revision_history(indicator_id=male.id, area_code="E92000001", period="2019-01/P3Y"))
    assert [v.value for v in versions] == [62.74, 62.7]
    assert versions[0].release_id == old.release_id and versions[0].superseded_by_id == new.release_id
    between = list_observations_as_of(indicator_ids=[male.id], as_of=date(2025, 6, 1))
    assert between.get(area_code="E92000001", period="2019-01/P3Y").value == 62.74
    assert (
        list_observations_as_of(indicator_ids=[male.id]).get(area_code="E92000001", period="2019-01/P3Y").value == 62.7
    )
    assert not list_observations_as_of(indicator_ids=[male.id], as_of=date(2024, 12, 1)).exists()


def test_backfilling_an_older_vintage_never_makes_it_current(settings, data_server):
    settings.ONS_ELS_BASE_URL = f"{data_server.url}/ons-els"
    _ingest(HLE)
    backfill = _ingest(HLE, f"{data_server.url}/ons-els-vintages/2024-12-19/{HLE}", date(2024, 12, 19))
    assert backfill.status == "accepted"
    male = Indicator.objects.get(source__slug=HLE, name="Male healthy life expectancy")
    assert (
        list_observations_as_of(indicator_ids=[male.id]).get(area_code="E92000001", period="2019-01/P3Y").value == 62.7
    )
    between = list_observations_as_of(indicator_ids=[male.id], as_of=date(2025, 6, 1))
    assert between.get(area_code="E92000001", period="2019-01/P3Y").value == 62.74


def test_a_snapshot_source_keeps_periods_its_later_releases_leave_out(settings, data_server):
    slug = "gigabit-capable-broadband"
    for day in ("2024-02-13", "2024-09-23"):
        _ingest(slug, f"{data_server.url}/ons-els-vintages/{day}/{slug}", date.fromisoformat(day))
    current = Observation.objects.filter(indicator__source__slug=slug, superseded_by__isnull=True)
    assert set(current.values_list("period", flat=True)) == {"2023-09", "2024-01"}
    assert Indicator.objects.filter(source__slug=slug).count() == 1  # renamed between releases, one series


def test_a_publisher_error_is_transient_and_stores_nothing(settings, data_server):
    settings.ONS_ELS_BASE_URL = f"{data_server.url}/ons-els"
    data_server.httpd.fail_with["/ons-els/museums/museums.csv"] = 503
    try:
        with pytest.raises(TransientSourceError):
            _ingest("museums")
    finally:
        data_server.httpd.fail_with.clear()
    assert not Release.objects.exists()
    assert "503" in register_source(slug="museums").last_error


def test_a_permanent_fetch_error_is_one_quarantined_release_with_no_files(tmp_path):
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    first = _ingest("nothing-here", str(folder))
    again = _ingest("nothing-here", str(folder))
    assert first.status == again.status == "quarantined" and "no nothing-here.csv" in first.message
    release = Release.objects.get(source__slug="nothing-here")
    assert release.sha256 == "" and not release.raw_files.exists() and again.release_id == release.id
    assert register_source(slug="nothing-here").last_outcome == "quarantined"
