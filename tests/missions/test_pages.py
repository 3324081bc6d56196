"""Every public page type renders from the real data, within a bounded number of queries."""

import base64
import html
import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = {
    "/": "Levelling Up missions: progress",
    "/missions/health/": "Healthy Life Expectancy",
    "/metrics/healthy-life-expectancy/": "Download every area and period as CSV",
    "/areas/": "Search by area name or GSS code",
    "/areas/?q=leeds": "E08000035",
    "/areas/E08000035/": "Yorkshire and The Humber",
    "/methodology/": "compound annual growth rate",
    "/methodology/1/": "Mission progress methodology, version 1",
    "/data/": "The read-only JSON API",
    "/licence/": "Open Government Licence v3.0",
    "/accessibility/": "WCAG",
    "/reports/": "Progress reports",
    "/calendar/": "Release calendar",
    "/corrections/": "Corrections",
}


@pytest.mark.parametrize(("url", "text"), PAGES.items())
def test_every_page_type_renders_with_its_content_sources_and_licence(site_data, client, url, text):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert text in body
    assert "Open Government Licence v3.0" in body
    assert "Data last updated" in body


def test_the_mission_page_shows_status_explanation_chart_and_data_table(site_data, client):
    body = client.get("/missions/health/").content.decode()
    assert "Worsening" in body and "Deteriorating" not in body and "What the status words mean" in body
    assert '<img class="app-chart__image" src="data:image/svg+xml;base64,' in body and "Data for this chart" in body
    assert "Since the baseline the value has moved away from the target." in body and "How this was judged" in body
    assert "Ratio of actual to required progress" not in body and "R =" not in body


CHART = re.compile(r'<img class="app-chart__image" src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)">')


@pytest.mark.parametrize("url", ["/missions/health/", "/metrics/healthy-life-expectancy/"])
def test_every_chart_on_a_page_states_its_finding_and_has_a_source_and_a_data_table(site_data, client, url):
    body = client.get(url).content.decode()
    charts = CHART.findall(body)
    assert charts and body.count("Data for this chart") == len(charts)
    for encoded, alt in charts:
        svg, alt = base64.b64decode(encoded).decode(), html.unescape(alt)
        title = alt.split(". ")[0]
        assert re.match(r"(Healthy life expectancy at birth for (men|women)|The gap in|In \d{4} to \d{4} the)", title)
        assert html.escape(title[:40], quote=False) in svg and "Source: ONS" in svg
        if "Line chart of the published values" in alt:  # the series: HLE publishes 95% intervals
            assert 'id="confidence-interval"' in svg
    assert body.count('class="app-chart__source">Source: ') == len(charts)


def test_a_retired_area_code_says_so(site_data, client):
    body = client.get("/areas/E10000006/").content.decode()
    assert "retired in 2022" in body and "No successor is recorded" in body


def test_unknown_pages_are_404(site_data, client):
    for url in ("/missions/nope/", "/metrics/nope/", "/areas/X99999999/", "/methodology/9/"):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/", 15),
        ("/missions/health/", 20),
        ("/metrics/homicide-rate/", 20),
        ("/areas/E08000035/", 20),
        ("/reports/", 8),
        ("/calendar/", 8),
    ],
)
def test_pages_stay_within_a_query_budget(site_data, client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.fixture
def downloads(site_data, settings, tmp_path):
    from missions.services.downloads import build_downloads

    settings.MEDIA_ROOT = tmp_path
    build_downloads()


def test_the_metric_csv_has_every_area_and_period_with_bounds_and_markers(downloads, client):
    response = client.get("/metrics/homicide-rate/data.csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    header = next(line for line in lines if not line.startswith("#"))
    assert header.startswith(
        "indicator,breakdown,area_code,period,period_label,period_start,value,lci_95,uci_95,status"
    )
    assert any(",2017-04/P3Y,2017/18 to 2019/20," in line for line in lines)
    assert any(line.startswith("# licence,") for line in lines)
    assert len([line for line in lines if line.startswith("Homicide")]) == 504


def test_the_zip_of_everything_has_a_csv_per_metric_and_metadata(downloads, client):
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get("/data/all.zip").streaming_content)))
    names = archive.namelist()
    assert "metadata.json" in names and "healthy-life-expectancy.csv" in names and len(names) == 53


def test_public_pages_are_cached_and_invalidated_when_data_changes(
    site_data, client, shared_data, django_capture_on_commit_callbacks
):
    from missions.services.ingest import ingest_source, register_source

    first = client.get("/licence/").content
    assert b"museums" not in first
    assert client.get("/licence/").content == first  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        ingest_source(source=register_source(slug="museums"), location=str(shared_data / "ons-els" / "museums"))
    assert b"museums" in client.get("/licence/").content


def test_responses_carry_etag_and_last_modified_and_answer_304(site_data, client):
    response = client.get("/methodology/")
    assert response.has_header("ETag") and response.has_header("Last-Modified")
    again = client.get("/methodology/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
