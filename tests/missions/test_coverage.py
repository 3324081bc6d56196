"""The coverage page and API: every metric with its source, status and why, periods held, next release, overdue."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from missions.cadence import expected_months, next_expected
from missions.selectors.coverage import list_coverage, list_unused_sources
from missions.services.ingest import ingest_source, register_source
from missions.services.overdue import notify_overdue_sources

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("frequency", "months"),
    [
        ("annual (~18-month lag)", 12),
        ("annual (academic year; final Nov/Dec)", 12),
        ("quarterly", 3),
        ("monthly/annual", 1),
        ("event-driven (deals/orders)", None),
        ("annual until 2019; irregular since", None),
        ("", None),
    ],
)
def test_the_stated_frequency_gives_the_months_between_releases(frequency, months):
    assert expected_months(frequency) == months


def test_the_next_release_is_expected_the_same_day_a_period_later_clamped_to_the_month():
    assert next_expected(last=date(2024, 2, 29), frequency="annual") == date(2025, 2, 28)
    assert next_expected(last=date(2024, 11, 30), frequency="quarterly") == date(2025, 2, 28)
    assert next_expected(last=None, frequency="annual") is None


@pytest.fixture
def catalogue(catalogue, shared_data):
    for slug in ("healthy-life-expectancy", "engagement-with-culture-and-heritage"):
        ingest_source(source=register_source(slug=slug), location=str(shared_data / "ons-els" / slug))


def _rows(today=TODAY):
    return {r["metric"]: r for r in list_coverage(today=today)}


def test_every_metric_is_listed_with_its_status_and_why(catalogue):
    rows = _rows()
    assert len(rows) == 52
    hle = rows["healthy-life-expectancy"]
    assert (hle["status"], hle["sources"], hle["why"]) == ("connected", ["healthy-life-expectancy"], "")
    assert hle["periods_held"] > 5 and hle["first_period"] < hle["last_period"]
    assert hle["next_expected"] == next_expected(last=hle["last_release"]["release_date"], frequency=hle["frequency"])
    arts = rows["culture-engaged-with-the-arts"]
    assert arts["status"] == "data_refused" and arts["why"].startswith("data refused: value outside its own 95%")
    assert arts["refused_release"]["source"] == "engagement-with-culture-and-heritage"
    pride = rows["pride-in-place-cls"]
    assert (pride["status"], pride["publisher"]) == ("not_connected", "DCMS") and pride["dataset"] and pride["why"]
    assert rows["homicide-rate"]["why"] == "homicide-offences not ingested yet"


def test_a_source_past_its_next_expected_release_is_overdue_and_not_before(catalogue):
    hle = _rows()["healthy-life-expectancy"]
    due = hle["next_expected"]
    assert _rows(today=due)["healthy-life-expectancy"]["overdue"] is False
    assert _rows(today=date.fromordinal(due.toordinal() + 1))["healthy-life-expectancy"]["overdue"] is True
    assert _rows()["culture-engaged-with-the-arts"]["overdue"] is False  # nothing held: refused, not overdue


def test_the_skills_count_targets_say_the_series_is_a_rate_and_is_not_converted(catalogue, client):
    note = _rows()["adult-fe-skills-achievements"]["units_note"]
    assert "rate per 100,000" in note and "not converted" in note
    page = client.get("/coverage/").content.decode()
    assert "not converted" in page
    assert "per 100,000 people" in client.get("/metrics/adult-fe-skills-achievements/").content.decode()


def test_the_page_and_the_api_show_the_same_table(catalogue, client):
    page = client.get("/coverage/")
    assert page.status_code == 200
    api = client.get("/api/coverage/").json()
    assert len(api) == 52
    text = page.content.decode()
    for row in api:
        assert f'id="{row["metric"]}"' in text and row["status_label"] in text
    refused = next(r for r in api if r["metric"] == "culture-engaged-with-the-arts")
    assert f"/api/releases/{refused['refused_release']['id']}/" in text


def test_overdue_sources_are_emailed_to_active_analysts_only(catalogue, mailoutbox, django_user_model):
    for name, role, active in (("ann", "Analyst", True), ("old", "Analyst", False), ("pat", "Publisher", True)):
        user = django_user_model.objects.create_user(username=name, email=f"{name}@example.org", is_active=active)
        user.groups.add(Group.objects.get(name=role))
    result = notify_overdue_sources(today=date(2030, 1, 1))
    assert "healthy-life-expectancy" in result["overdue"]
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]
    assert "Healthy life expectancy" in mailoutbox[0].body
    mailoutbox.clear()
    assert notify_overdue_sources(today=date(2000, 1, 1))["overdue"] == [] and not mailoutbox


def test_every_bundled_folder_feeds_a_metric_or_has_a_recorded_decision(shared_data, db):
    import yaml

    from missions.services.catalogue import DEFAULT_CATALOGUE

    catalogue_file = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
    used = {s["source"] for m in catalogue_file["metrics"] for s in m.get("series", [])}
    decided = {u["source"]: u["decision"] for u in list_unused_sources()}
    folders = {p.name for p in (shared_data / "ons-els").iterdir() if p.is_dir()}
    assert folders - used == set(decided)
    assert not used & set(decided)
    assert all(len(d) > 20 for d in decided.values())
