"""One-page printable summaries of a mission and of an area: HTML and an A4 PDF from one template, one page, public
and cached, never showing anything unpublished."""

import io
import re
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template.loader import render_to_string
from pypdf import PdfReader
from weasyprint import HTML

from missions.findings.ranks import Rank
from reports.services import approve_report, build_report, publish_due_reports, schedule_report
from reports.summaries import DENSITIES, TEMPLATE, describe_position, render_summary_pdf

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SENTINEL = "Sentinel 3094417265"
A4 = (595, 842)  # points, rounded
PAGES = {
    "mission": ("/missions/health/summary/", "/missions/health/summary.pdf"),
    "area": ("/areas/E08000035/summary/", "/areas/E08000035/summary.pdf"),
}


def pdf_text(content: bytes) -> tuple[int, str, tuple[int, int]]:
    reader = PdfReader(io.BytesIO(content))
    box = reader.pages[0].mediabox
    return len(reader.pages), " ".join(p.extract_text() for p in reader.pages), (round(box.width), round(box.height))


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("kind", PAGES)
def test_a_real_mission_and_area_summary_is_one_a4_page_from_the_same_template_as_the_html(site_data, client, kind):
    html_url, pdf_url = PAGES[kind]
    page = client.get(html_url)
    pdf = client.get(pdf_url)
    assert page.status_code == pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert {t.name for t in page.templates} == {t.name for t in pdf.templates} == {"reports/summary.html"}
    pages, text, size = pdf_text(pdf.content)
    assert pages == 1 and size == A4
    html = page.content.decode()
    for needed in ("not a government service", "Method: method version 2", "Generated ", "Data cut-off: "):
        assert needed in html and needed in words(text), needed
    assert 'href="' + pdf_url + '"' in html and "@page { size: A4" in html


def test_the_mission_summary_gives_each_target_its_status_finding_figures_and_source(site_data, client):
    html = client.get("/missions/health/summary/").content.decode()
    text = words(pdf_text(client.get("/missions/health/summary.pdf").content)[1])
    assert "statuses and figures use the data as published on 30 June 2026" in html
    assert "Worsening" in html and "Worsening" in text
    assert "Healthy life expectancy at birth for men fell from 62.9 years (2017 to 2019)" in text
    assert "Baseline 62.9 (2017 to 2019); latest 60.7 (2022 to 2024); target 67.9 by 2035. Source: ONS" in words(html)


def test_the_area_summary_gives_each_metric_its_period_comparators_and_source(site_data, client):
    html = words(client.get("/areas/E08000035/summary/").content.decode())
    assert "Yorkshire and The Humber" in html and "England" in html and "2022 to 2024" in html
    position = r"</th><td>(joint )?\d+(st|nd|rd|th) of \d+</td><td class=\"period\">2022 to 2024</td>"
    assert re.search(r"Healthy life expectancy[^<]*" + position, html)
    assert "values as published up to" in html and ">ONS</td>" in html


@pytest.mark.parametrize(
    "url",
    [
        "/missions/no-such-mission/summary/",
        "/missions/no-such-mission/summary.pdf",
        "/areas/E99999999/summary/",
        "/areas/E99999999/summary.pdf",
    ],
)
def test_an_unknown_mission_or_area_is_a_404(site_data, client, url):
    assert client.get(url).status_code == 404


def test_nothing_unpublished_shows_until_the_report_is_released(site_data, people, client):
    with time_machine.travel(datetime(2026, 11, 23, 15, 0, tzinfo=LONDON), tick=False):
        report = build_report(as_of=date(2026, 6, 30), title=f"Report {SENTINEL}", author=people["analyst"])
        approve_report(report=report, user=people["approver"])
        schedule_report(report=report, user=people["publisher"])
        for url in [u for pair in PAGES.values() for u in pair]:
            response = client.get(url)
            assert response.status_code == 200 and SENTINEL.encode() not in response.content, url
            if url.endswith(".pdf"):
                assert SENTINEL not in pdf_text(response.content)[1], url
    with time_machine.travel(datetime(2026, 11, 24, 9, 30, tzinfo=LONDON), tick=False):
        publish_due_reports()
    assert f"Latest published report: Report {SENTINEL}" in client.get(PAGES["mission"][0]).content.decode()


def test_summaries_are_cached_like_other_public_pages(site_data, client, monkeypatch):
    import reports.summary_views

    first = client.get(PAGES["mission"][1])
    monkeypatch.setattr(reports.summary_views, "render_summary_pdf", lambda context: pytest.fail("not cached"))
    assert client.get(PAGES["mission"][1]).content == first.content
    assert "private" not in first.get("Cache-Control", "")


def test_rendering_summary_pdfs_is_throttled_per_client_and_cached_ones_do_not_count(site_data, client, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"summaries": "2/minute", "anon": "100/minute"})
    for _ in range(3):
        assert client.get(PAGES["mission"][1]).status_code == 200  # rendered once, then served from the cache
    assert client.get("/areas/E99999999/summary.pdf").status_code == 404
    refused = client.get(PAGES["area"][1])
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get(PAGES["area"][0]).status_code == 200  # the HTML summary is not held back


def test_the_mission_and_area_pages_link_to_their_summaries(site_data, client):
    assert 'href="/missions/health/summary.pdf"' in client.get("/missions/health/").content.decode()
    assert 'href="/areas/E08000035/summary/"' in client.get("/areas/E08000035/").content.decode()


def test_a_long_summary_steps_down_its_type_then_its_rows_until_it_fits_one_page():
    metric = SimpleNamespace(
        name="Average travel time (minutes) to nearest employment centre, by public transport",
        decimal_places=1,
        publisher="Department for Transport",
    )
    row = {"metric": metric, "breakdown": "", "period_label": "January 2026", "value": Decimal("12.3"), "status": ""}
    region, nation = SimpleNamespace(name="Yorkshire and The Humber"), SimpleNamespace(name="England")
    row |= {"position": "bottom 10%: joint 267th of 296", "uk": {"value": 11.0}}
    row |= {"comparators": [(region, {"value": 10.1}), (nation, {"value": 9.8})]}
    rows = [row] * 40  # more than any bundled area has (38), every one with a long name
    area = SimpleNamespace(name="Somewhere", code="E06000001", level="Unitary authority", is_retired=False)
    context = {"kind": "area", "heading": "Somewhere", "area": area, "comparators": [region, nation], "rows": rows}
    context |= {"page_url": "/areas/E06000001/", "pdf_url": "/areas/E06000001/summary.pdf"}
    context |= {"generated": date(2026, 12, 1), "for_pdf": True}
    at_first = HTML(string=render_to_string(TEMPLATE, context | {"density": DENSITIES[0]})).render()
    pdf, pages = render_summary_pdf(context)
    assert len(at_first.pages) > 1 and pages == 1
    count, text, _ = pdf_text(pdf)
    omitted = int(re.search(r"And (\d+) more metrics on the full page", words(text))[1])
    assert count == 1 and 0 < omitted < 40 and words(text).count("by public transport") == 40 - omitted
    fitted = render_summary_pdf(context | {"rows": rows[:10]})
    assert fitted[1] == 1 and "more metric" not in pdf_text(fitted[0])[1]


@pytest.mark.parametrize(
    ("rank", "words"),
    [
        (Rank(position=301, areas=348, group="bottom", group_size=35, share=0.1), "bottom 10%: 301st of 348"),
        (Rank(position=2, areas=348, tied=3, group="top", group_size=35, share=0.1), "top 10%: joint 2nd of 348"),
        (Rank(position=40, areas=1348, group="", group_size=135, share=0.1), "40th of 1,348"),
        (Rank(position=1, areas=20, group="top", group_size=2, share=0.1, polarity="none"), "highest 10%: 1st of 20"),
        (Rank(position=3, areas=5, group="", group_size=0, share=0.1), "3rd of 5"),
        (Rank(reason="suppressed", status="c"), "not ranked"),
        (
            Rank(position=301, areas=348, group="bottom", group_size=35, share=0.1, status="u"),
            "bottom 10%: 301st of 348 (uncertain: u)",
        ),
    ],
)
def test_an_areas_position_is_said_in_a_few_words(rank, words):
    assert describe_position(rank) == words


def test_a_summary_names_its_links_at_the_public_site_whoever_asks_first(site_data, client, settings):
    settings.PUBLIC_SITE_URL = "https://monitor.example.org/"
    body = client.get("/missions/health/summary/", HTTP_HOST="localhost").content.decode()
    assert "https://monitor.example.org/missions/health/" in body and "//localhost" not in body
