"""Every page type, the API, the feeds and a built report read like official statistics, not like the database:
no period in storage syntax, no target's internal name, no formula notation, no research notes."""

import re
import subprocess
import sys

import pytest

from missions.models import Mission

pytestmark = pytest.mark.django_db
FORBIDDEN = ("/P1Y", "/P3Y", "-01/", "change against baseline", "R =")
PAGES = (
    "/",
    "/missions/health/",
    "/missions/crime/",
    "/metrics/healthy-life-expectancy/",
    "/metrics/homicide-rate/",
    "/areas/E08000035/",
    "/methodology/",
    "/reports/",
    "/calendar/",
    "/coverage/",
    "/reports/feed.atom",
    "/corrections/feed.atom",
)
# The API keeps each canonical key beside its label, and the stored result record as computed: those are data.
CANONICAL = {"period", "baseline_period", "latest_period", "result", "target_snapshot", "changes"}


def _shown_text(body: str) -> str:
    """Return what a reader sees: images and markup stripped (chart text is checked in the chart tests)."""
    body = re.sub(r'src="data:[^"]*"', "", body)
    return re.sub(r"<[^>]+>", " ", body)


def _public_strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for k, v in data.items() if k not in CANONICAL for s in _public_strings(v)]
    if isinstance(data, list):
        return [s for item in data for s in _public_strings(item)]
    return [data] if isinstance(data, str) else []


def test_no_page_feed_api_answer_or_report_shows_storage_periods_internal_names_or_formulas(published_report, client):
    report = published_report
    texts = {url: _shown_text(client.get(url).content.decode()) for url in PAGES}
    texts[f"/reports/{report.series}/v1/"] = _shown_text(client.get(f"/reports/{report.series}/v1/").content.decode())
    texts["report.html"] = _shown_text(bytes(report.artefacts.get(name="report.html").content).decode())
    for url in ("/api/targets/?page_size=100", "/api/assessments/"):
        texts[url] = "\n".join(_public_strings(client.get(url).json()))
    detail = client.get("/api/assessments/").json()["results"][0]["url"]
    texts["assessment detail"] = "\n".join(_public_strings(client.get(detail).json()))
    found = {(where, bad) for where, text in texts.items() for bad in FORBIDDEN if bad in text}
    assert found == set()
    assert "Raise healthy life expectancy for men by five years by 2035" in texts["/missions/health/"]
    assert "Raise healthy life expectancy for women by five years by 2035" in texts["report.html"]
    assert "2017 to 2019" in texts["/missions/health/"] and "2017/18 to 2019/20" in texts["/metrics/homicide-rate/"]
    assert "How this was judged" in texts["/missions/health/"] and "How this was judged" in texts["report.html"]
    assert "What the status words mean" in texts["/"] and "What the status words mean" in texts["report.html"]


def test_the_api_gives_a_period_label_beside_each_canonical_key(site_data, client):
    target = next(t for t in client.get("/api/targets/?page_size=100").json()["results"] if t["baseline_period"])
    assert target["title"] and target["baseline_period_label"] and "/P" not in target["baseline_period_label"]
    hle = client.get("/api/assessments/?target__metric__slug=healthy-life-expectancy").json()["results"]
    latest = next(a["summary"]["latest"] for a in hle if a["summary"]["latest"])
    assert (latest["period"], latest["period_label"]) == ("2022-01/P3Y", "2022 to 2024")
    rows = client.get("/api/observations/?metric=homicide-rate&area=K04000001&page_size=100").json()["results"]
    assert {r["period"]: r["period_label"] for r in rows}["2017-04/P3Y"] == "2017/18 to 2019/20"


def test_research_notes_stay_off_every_public_page_and_the_api(site_data, client):
    notes = Mission.objects.get(slug="health").research_notes
    assert "RSN" in notes
    for url in ("/missions/health/", "/api/missions/health/", "/api/missions/"):
        assert notes not in client.get(url).content.decode()


def test_management_commands_print_no_axes_banner():
    out = subprocess.run(
        [sys.executable, "manage.py", "check"], capture_output=True, text=True, check=True, timeout=120
    )
    assert "AXES" not in out.stdout + out.stderr
