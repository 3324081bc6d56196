"""Release dates decided from the evidence, on hand-written files and on the bundled vintages plus the snapshot."""

import json
import os
from datetime import UTC, date, datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from missions.models import Indicator, Observation, Release
from missions.selectors import list_observations_as_of
from missions.services.ingest import ingest_source, register_source

pytestmark = pytest.mark.django_db
SLUG = "test-indicator"
HEADER = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes\n"


def _publish(folder, values: tuple[float, float], source_date: str | None = None):
    folder.mkdir(parents=True, exist_ok=True)
    rows = "".join(
        f"{code},Area,UA,Pay,2019,{v},,,,,,\n" for code, v in zip(("E06000001", "E06000002"), values, strict=True)
    )
    (folder / f"{SLUG}.csv").write_text(HEADER + rows, encoding="utf-8")
    if source_date:
        meta = {"ess-beta-metadata": {"label": "Pay", "sourceDate": source_date}}
        (folder / f"{SLUG}.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def _ingest(location, release_date=None):
    return ingest_source(source=register_source(slug=SLUG), location=str(location), release_date=release_date)


def _values(as_of=None) -> dict:
    ids = list(Indicator.objects.values_list("id", flat=True))
    return dict(list_observations_as_of(indicator_ids=ids, as_of=as_of).values_list("area_code", "value"))


def test_a_backfill_supplied_after_the_current_files_stale_metadata_date_never_displaces_it(tmp_path):
    current = _ingest(_publish(tmp_path / "live" / SLUG, (10.5, 9.0), source_date="10/01/2024"))
    assert Release.objects.get(pk=current.release_id).release_date == date(2024, 1, 10)
    backfill = _ingest(_publish(tmp_path / "archive" / SLUG, (8.0, 7.0)), release_date=date(2025, 3, 11))
    assert backfill.status == "accepted"
    assert _values() == {"E06000001": 10.5, "E06000002": 9.0}
    assert _values(as_of=date(2025, 6, 1)) == {"E06000001": 8.0, "E06000002": 7.0}
    assert _values(as_of=date(2024, 6, 1)) == {}
    moved = Release.objects.get(pk=current.release_id)
    assert (moved.release_date, moved.release_date_evidence) == (timezone.localdate(moved.fetched_at), "fetched")
    assert "sourceDate 2024-01-10 is stale" in moved.release_date_basis
    old = Release.objects.get(pk=backfill.release_id)
    assert (old.release_date, old.release_date_evidence, old.supplied_date) == (
        date(2025, 3, 11),
        "supplied",
        old.observed_on,
    )


def test_the_release_detail_in_the_api_says_which_evidence_decided_its_date(tmp_path):
    outcome = _ingest(_publish(tmp_path / SLUG, (10.5, 9.0), source_date="10/01/2024|03/02/2024"))
    body = APIClient().get(f"/api/releases/{outcome.release_id}/").json()
    assert body["release_date"] == "2024-02-03" and body["release_date_evidence"] == "metadata"
    assert body["metadata_dates"] == ["2024-01-10", "2024-02-03"] and "the latest is used" in body["release_date_basis"]


def test_a_file_without_a_metadata_date_is_dated_by_the_servers_last_modified(tmp_path, tmp_server):
    folder = _publish(tmp_path / SLUG, (10.5, 9.0))
    stamp = datetime(2025, 5, 1, 12, tzinfo=UTC).timestamp()
    os.utime(folder / f"{SLUG}.csv", (stamp, stamp))
    release = Release.objects.get(pk=_ingest(f"{tmp_server.url}/{SLUG}").release_id)
    assert (release.release_date, release.release_date_evidence) == (date(2025, 5, 1), "last_modified")
    assert release.server_last_modified == datetime(2025, 5, 1, 12, tzinfo=UTC)


GIGABIT = "gigabit-capable-broadband"
# The day each bundled vintage was observed -> the date and evidence the rule gives it. Their sourceDates go stale:
# the files observed on 2025-06-03, 2025-10-01 and 2025-11-27 repeat the date of a file they replaced.
EXPECTED = {
    "2023-05-11": ("2023-05-11", "supplied"),
    "2023-08-24": ("2023-08-24", "supplied"),
    "2023-10-24": ("2023-10-24", "supplied"),
    "2024-02-13": ("2024-02-13", "supplied"),
    "2024-09-23": ("2024-04-24", "metadata"),
    "2024-12-19": ("2024-12-05", "metadata"),
    "2025-06-03": ("2025-06-03", "supplied"),
    "2025-10-01": ("2025-10-01", "supplied"),
    "2025-11-27": ("2025-11-27", "supplied"),
    "current": ("2026-05-13", "metadata"),
}


@pytest.mark.parametrize("current_first", [False, True], ids=["vintages first", "current first"])
def test_the_bundled_broadband_vintages_get_the_same_dates_and_chain_in_any_load_order(shared_data, current_first):
    days = [d for d in EXPECTED if d != "current"]
    jobs = [(day, shared_data / "ons-els-vintages" / day / GIGABIT, date.fromisoformat(day)) for day in days]
    current = ("current", shared_data / "ons-els" / GIGABIT, None)
    jobs = [current, *reversed(jobs)] if current_first else [*jobs, current]
    releases = {}
    for day, location, supplied in jobs:
        outcome = ingest_source(source=register_source(slug=GIGABIT), location=str(location), release_date=supplied)
        assert outcome.status == "accepted", outcome.line()
        releases[day] = outcome.release_id
    found = {
        d: Release.objects.values_list("release_date", "release_date_evidence").get(pk=r) for d, r in releases.items()
    }
    assert {day: (d.isoformat(), e) for day, (d, e) in found.items()} == EXPECTED
    live = Observation.objects.filter(indicator__source__slug=GIGABIT, superseded_by__isnull=True)
    assert live.filter(area_code="K02000001").get(period="2026-01").release_id == releases["current"]
    ids = list(Indicator.objects.filter(source__slug=GIGABIT).values_list("id", flat=True))
    between = list_observations_as_of(indicator_ids=ids, as_of=date(2025, 8, 1)).filter(area_code="K02000001")
    assert between.get(period="2025-01").release_id == releases["2025-06-03"]


def test_revisions_of_only_the_note_are_counted_apart_on_the_median_pay_load(shared_data):
    slug = "gross-median-weekly-pay"
    ingest_source(
        source=register_source(slug=slug),
        location=str(shared_data / "ons-els-vintages" / "2025-03-11" / slug),
        release_date=date(2025, 3, 11),
    )
    outcome = ingest_source(source=register_source(slug=slug), location=str(shared_data / "ons-els" / slug))
    assert (outcome.counts["revised"], outcome.counts["notes_revised"]) == (454, 32)
