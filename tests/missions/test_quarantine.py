"""Malformed files become quarantined releases with a readable reason; stored data is untouched."""

import json

import pytest

from missions.models import Observation, Release
from missions.services.ingest import ingest_source, register_source

pytestmark = pytest.mark.django_db
SLUG = "test-indicator"
HEADER = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes\n"
GOOD = (
    HEADER + "E06000001,Hartlepool,UA,Pay,2019-01-01/P1Y,10.5,,,10,11,,\nE06000002,Middlesbrough,UA,Pay,2019,9,,,,,,\n"
)
META = {"ess-beta-metadata": {"label": "Pay", "sourceDate": "01/02/2025", "sourceOrg": "Test Office"}}


def _publish(root, csv_text: str, meta=META):
    folder = root / SLUG
    folder.mkdir(exist_ok=True)
    (folder / f"{SLUG}.csv").write_text(csv_text, encoding="utf-8")
    (folder / f"{SLUG}.json").write_text(json.dumps(meta), encoding="utf-8")


def _ingest(server):
    return ingest_source(source=register_source(slug=SLUG), location=f"{server.url}/{SLUG}")


BAD_FILES = {
    "truncated": (GOOD + "E06000003,Stockton,UA,Pay,2019-01-01/P1", "truncated"),
    "html error page": ("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", "HTML"),
    "wrong header": ("code,name,when,number\nE06000001,Hartlepool,2019,10\n", "required column(s) missing"),
    "non-numeric value": (GOOD.replace("10.5", "ten"), "not a number"),
    "duplicate keys": (GOOD + "E06000001,Hartlepool,UA,Pay,2019-01-01/P1Y,12,,,,,,\n", "duplicate"),
    "swapped bounds": (GOOD.replace(",10,11,", ",11,10,"), "lower bound above upper bound"),
    # A quote left open in a last column took every later row into one note, and the rows it hid were withdrawn.
    "unclosed quote": (GOOD.replace("10,11,,\n", '10,11,,"provisional\n'), "is never closed"),
    "cut inside a quote": (GOOD + 'E06000003,Stockton,UA,Pay,2019,8,,,,,,"provisio', "is never closed"),
    "infinite value": (GOOD.replace(",9,", ",1e400,"), "not a finite number"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_malformed_file_is_quarantined_with_a_reason_and_earlier_data_is_intact(tmp_path, tmp_server, case):
    _publish(tmp_path, GOOD)
    first = _ingest(tmp_server)
    assert first.status == "accepted"
    before = list(Observation.objects.order_by("id").values_list("id", "value", "superseded_by"))
    text, reason = BAD_FILES[case]
    _publish(tmp_path, text)
    outcome = _ingest(tmp_server)
    assert outcome.status == "quarantined"
    assert reason in outcome.message
    release = Release.objects.get(pk=outcome.release_id)
    assert release.status == Release.Status.QUARANTINED and reason in release.reason
    assert release.raw_files.filter(name="csv").exists()
    assert list(Observation.objects.order_by("id").values_list("id", "value", "superseded_by")) == before


def test_the_quarantine_report_names_lines_and_columns(tmp_path, tmp_server):
    _publish(tmp_path, GOOD.replace("10.5", "ten"))
    release = Release.objects.get(pk=_ingest(tmp_server).release_id)
    error = release.report["errors"][0]
    assert (error["column"], error["lines"], error["examples"]) == ("value", [2], ["ten"])


def test_a_revision_beyond_the_threshold_is_flagged_for_review(tmp_path, tmp_server, settings):
    settings.INGEST_REVISION_REVIEW_THRESHOLD = 0.1
    _publish(tmp_path, GOOD)
    _ingest(tmp_server)
    _publish(tmp_path, GOOD.replace("10.5", "10.6").replace(",9,", ",12,"), META | {})
    outcome = _ingest(tmp_server)
    release = Release.objects.get(pk=outcome.release_id)
    assert outcome.counts["revised"] == 2
    assert release.report["flagged_revision_count"] == 1
    assert release.report["flagged_revisions"][0]["area_code"] == "E06000002"


def test_a_value_the_publisher_drops_is_closed_without_a_successor(tmp_path, tmp_server):
    _publish(tmp_path, GOOD)
    _ingest(tmp_server)
    _publish(tmp_path, HEADER + "E06000001,Hartlepool,UA,Pay,2019-01-01/P1Y,10.5,,,10,11,,\n")
    outcome = _ingest(tmp_server)
    assert outcome.counts == {"added": 0, "revised": 0, "notes_revised": 0, "unchanged": 1, "withdrawn": 1}
    dropped = Observation.objects.get(area_code="E06000002")
    assert dropped.superseded_by_id == outcome.release_id
    assert not Observation.objects.filter(area_code="E06000002", superseded_by__isnull=True).exists()
