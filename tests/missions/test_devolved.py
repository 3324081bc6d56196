"""Devolved nations' separate series: joined to a UK-wide metric only on a matching definition, else stated on it."""

import csv
import html
import json
import re

import pytest
import yaml

from missions.services.catalogue import DEFAULT_CATALOGUE

NATIONS = ("-ni", "-northern-ireland", "-scotland", "-wales")
CATALOGUE = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
ENTRIES = [(m, d) for m in CATALOGUE["metrics"] for d in m.get("devolved", [])]


def metadata(folder, shared_data, indicator: str | None = None) -> dict:
    meta = json.loads((shared_data / "ons-els" / folder / f"{folder}.json").read_text(encoding="utf-8"))
    meta = meta["ess-beta-metadata"]
    return meta["shared"] | meta.get(indicator, {}) if "shared" in meta else meta


def words(folder, shared_data) -> str:
    """Return every text of a folder's metadata, whitespace collapsed."""
    text = (shared_data / "ons-els" / folder / f"{folder}.json").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", json.dumps(json.loads(text), ensure_ascii=False).replace("\\n", " "))


def basis(folder, shared_data, indicator: str) -> set[tuple[str, str]]:
    """Return the (unit, period length) pairs of an indicator's rows, e.g. ("%", "P1Y")."""
    path = shared_data / "ons-els" / folder / f"{folder}.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {(r["unit"], r["period"].split("/")[-1]) for r in csv.DictReader(f) if r["indicator"] == indicator}


def test_every_devolved_folder_is_joined_to_a_metric_or_stated_on_one(shared_data):
    folders = {p.name for p in (shared_data / "ons-els").iterdir() if p.is_dir() and p.name.endswith(NATIONS)}
    assert folders == {d["source"] for _, d in ENTRIES}
    used = {s["source"] for m in CATALOGUE["metrics"] for s in m.get("series", [])}
    unused = {u["source"] for u in CATALOGUE["unused_sources"]}
    for metric, entry in ENTRIES:
        series = {s["source"] for s in metric["series"]}
        if entry["included"]:
            assert entry["source"] in series and "are included" in entry["statement"], metric["slug"]
        else:
            assert entry["source"] not in used and entry["source"] in unused, metric["slug"]
            assert "not included" in entry["statement"], metric["slug"]


@pytest.mark.parametrize(("metric", "entry"), [e for e in ENTRIES if e[1]["included"]], ids=lambda v: v.get("source"))
def test_a_devolved_series_is_joined_only_on_the_same_measure_unit_and_periods(metric, entry, shared_data):
    devolved = [s for s in metric["series"] if s["source"] == entry["source"]]
    national = [s for s in metric["series"] if not s["source"].endswith(NATIONS)]
    assert devolved and national
    for d in devolved:
        for n in national:
            mine = metadata(d["source"], shared_data, d["indicator"])
            theirs = metadata(n["source"], shared_data, n["indicator"])
            assert mine["subtitle"] == theirs["subtitle"]
            assert basis(d["source"], shared_data, d["indicator"]) == basis(n["source"], shared_data, n["indicator"])


@pytest.mark.parametrize(("metric", "entry"), ENTRIES, ids=lambda v: v.get("source"))
def test_every_quote_in_a_devolved_statement_is_the_publishers_own_words(metric, entry, shared_data):
    published = " ".join(words(f, shared_data) for f in {entry["source"], *(s["source"] for s in metric["series"])})
    assert entry["quotes"]
    for quote in entry["quotes"]:
        assert f"“{quote}”" in entry["statement"]
        assert quote in published, quote


@pytest.mark.django_db
def test_a_metric_states_on_its_page_and_in_the_api_the_devolved_figures_it_leaves_out(site_data, client):
    page = html.unescape(client.get("/metrics/apprenticeship-starts/").content.decode())
    assert "Northern Ireland's apprenticeship starts (Department for the Economy) are published separately" in page
    assert "Scotland's apprenticeship starts (Skills Development Scotland)" in page
    found = client.get("/api/metrics/apprenticeship-starts/").json()["devolved"]
    assert [(d["nation"], d["included"]) for d in found] == [("Northern Ireland", False), ("Scotland", False)]
    assert "“have been on their course 28 days or more”" in found[0]["statement"]
    assert client.get("/api/metrics/healthy-life-expectancy/").json()["devolved"] == []
    assert "published separately by the devolved nations" not in client.get("/metrics/homicide-rate/").content.decode()


@pytest.mark.django_db
def test_northern_irelands_preventable_cardiovascular_deaths_are_read_with_englands(shared_data):
    from missions.models import Metric
    from missions.selectors.catalogue import get_indicator_ids
    from missions.selectors.series import get_metric_data
    from missions.services.catalogue import load_catalogue
    from missions.services.ingest import ingest_source, register_source

    load_catalogue()
    for slug in ("preventable-cardiovascular-mortality-england", "preventable-cardiovascular-mortality-ni"):
        ingest_source(source=register_source(slug=slug), location=str(shared_data / "ons-els" / slug))
    [ids] = get_indicator_ids(metric=Metric.objects.get(slug="preventable-cardiovascular-mortality-england")).values()
    assert len(ids) == 2
    data = get_metric_data(indicator_ids=ids, as_of=None)
    assert data.sections["2022-01/P3Y"]["N92000002"].value == 28.1
    assert "E92000001" in data.sections["2022-01/P3Y"]
