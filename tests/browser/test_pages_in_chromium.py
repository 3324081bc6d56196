"""Every page type in headless Chromium (Debian's, no browser download): key figures against the API, axe-core."""

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def browser():
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()) or not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {CHROMIUM} and {AXE} (.ci/run installs both)")
        pytest.skip("needs Debian's chromium and npm's axe-core")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls here are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(autouse=True)
def _protected_rows_removed_before_flush(transactional_db):
    yield
    from tests.reports.conftest import remove_published_reports

    remove_published_reports()  # the transactional flush would otherwise meet the immutability triggers


def violations(page) -> list[dict]:
    """axe-core's WCAG violations on the page. axe is evaluated through the DevTools protocol, as Playwright's own
    scripts are, so the page's content security policy stays in force while it runs."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(f"async () => (await axe.run(document, {{runOnly: {json.dumps(WCAG)}}})).violations")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in found]


def csp_refusals(page) -> list[tuple[str, str]]:
    """Collect what the browser refuses under the page's content security policy, as it reports it."""
    refused = []
    page.on("console", lambda m: refused.append((page.url, m.text)) if "Content Security Policy" in m.text else None)
    return refused


PAGES = [
    "/",
    "/missions/health/",
    "/metrics/healthy-life-expectancy/",
    "/metrics/homicide-rate/",
    "/areas/",
    "/areas/?q=leeds",
    "/areas/E08000035/",
    "/areas/E10000006/",
    "/areas/compare/?areas=E08000035&areas=E06000001&areas=W06000015",
    "/areas/compare/",
    "/methodology/",
    "/data/",
    "/licence/",
    "/accessibility/",
    "/reports/",
    "/reports/{series}/v1/",
    "/calendar/",
    "/corrections/",
    "/missions/nope/",
    "/missions/health/summary/",
    "/areas/E08000035/summary/",
]


def page_list(report) -> list[str]:
    return [p.replace("{series}", report.series) for p in PAGES]


def test_every_page_type_loads_keeps_its_content_security_policy_and_has_no_axe_violations(
    browser, live_server, published_report
):
    """One visit per page: every resource loaded under the policy the page is served with, then axe-core (on our
    pages: the API docs are Swagger UI's own page, checked here for the policy only)."""
    page = browser.new_page()
    refused, problems = csp_refusals(page), {}
    for path in [*page_list(published_report), "/api/docs/"]:
        response = page.goto(live_server.url + path)  # returns at the load event: every resource of the page in
        assert response.status == (404 if "nope" in path else 200), path
        if path == "/api/docs/":  # Swagger UI fetches the schema and its assets after the load event
            page.wait_for_load_state("networkidle")
        if path != "/api/docs/" and (found := violations(page)):
            problems[path] = found
    assert refused == []
    assert problems == {}


def test_the_mission_page_shows_the_statuses_the_api_gives(browser, live_server, site_data):
    page = browser.new_page()
    api = page.goto(live_server.url + "/api/assessments/?target__metric__mission__slug=health&format=json").json()
    page.goto(live_server.url + "/missions/health/")
    for row in api["results"]:
        key = f"{row['metric']}-{row['target']}" + (f"-{row['breakdown'].lower()}" if row["breakdown"] else "")
        assert page.locator(f"[id='{key}'] .app-status").inner_text() == row["status_label"]
    charts = page.locator("img.app-chart__image")
    assert charts.count() >= 4 and all(charts.nth(i).get_attribute("alt") for i in range(charts.count()))


def test_the_area_compare_form_works_without_javascript(browser, live_server, site_data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/areas/E08000035/")
    page.fill("#compare-2", "e06000001")
    page.click("form.app-compare-form button")
    assert page.url.endswith("/areas/compare/?areas=E08000035&areas=E06000001")  # redirected to the one address
    assert page.locator("h1").inner_text() == "Leeds and Hartlepool compared"
    page.fill("#compare-3", "E08000035")
    page.click("form.app-compare-form button")
    assert "E08000035 is given more than once" in page.locator(".govuk-error-summary").inner_text()
    context.close()


@pytest.mark.parametrize(
    ("path", "images"),
    [
        ("/areas/E08000035/", 2),  # a chart for each healthy life expectancy series
        ("/areas/compare/?areas=E08000035&areas=E06000001&areas=W06000015", 0),
        ("/areas/E08000035/summary/", 0),
        ("/missions/health/summary/", 0),
    ],
)
def test_the_area_pages_and_summaries_fit_a_375_pixel_screen(browser, live_server, site_data, path, images):
    page = browser.new_context(viewport={"width": 375, "height": 800}, bypass_csp=True).new_page()  # for waiting
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert violations(page) == []
    charts = page.locator("img.app-chart__image")
    for i in range(charts.count()):  # loaded lazily, as each is scrolled to
        charts.nth(i).scroll_into_view_if_needed()
    loaded = "[...document.querySelectorAll('img.app-chart__image')].every(i => i.complete && i.naturalWidth > 0)"
    page.wait_for_function(loaded, timeout=20000)
    assert charts.count() == images


def test_the_api_docs_load(browser, live_server):
    page = browser.new_page()
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=15000)
    assert "Levelling Up missions monitor API" in page.content()


def test_the_axe_harness_reports_a_known_violation(browser):
    page = browser.new_page()
    page.set_content('<html><head><title>x</title></head><body><main><img src="x.png"></main></body></html>')
    assert "image-alt" in {v["id"] for v in violations(page)}


def test_the_policy_harness_reports_a_refused_inline_script(browser, live_server):
    page = browser.new_page()
    refused = csp_refusals(page)
    policy = "<meta http-equiv='Content-Security-Policy' content=\"script-src 'self'\">"
    page.set_content(f"<html><head>{policy}<title>x</title></head><body><script>1</script></body></html>")
    assert refused
