"""The area page's ranks in words and the compare view, on the real data: content, bad input, caching, queries."""

import html

import pytest

from missions.findings.ranks import ordinal
from missions.models import Indicator, Methodology, Observation
from missions.views.areas import area_compare

pytestmark = pytest.mark.django_db

LEEDS, HARTLEPOOL, CARDIFF, ENGLAND = "E08000035", "E06000001", "W06000015", "E92000001"
PREFIXES = ("E06", "E08", "E09", "E10", "W06", "S12", "N09")  # healthy life expectancy's comparison set


def expected_place(code: str, indicator: str) -> str:
    """Return "joint 97th of 216 (tied with 3 others)", counted straight from the stored observations."""
    position, areas, tied = expected_rank(code, indicator)
    if tied == 1:
        return f"{ordinal(position)} of {areas}"
    return f"joint {ordinal(position)} of {areas} (tied with {tied - 1} other{'s' if tied > 2 else ''})"


def expected_rank(code: str, indicator: str) -> tuple[int, int, int]:
    """Return (position, areas, tied) counted from the stored observations of the area's latest period."""
    rows = Observation.objects.filter(indicator=Indicator.objects.get(name=indicator), superseded_by__isnull=True)
    period = rows.filter(area_code=code).order_by("-period_start").values_list("period", flat=True)[0]
    section = {
        r.area_code: r.value
        for r in rows.filter(period=period)
        if r.area_code.startswith(PREFIXES) and r.value is not None and r.status not in ("x", "c", "z")
    }
    mine = section[code]
    return 1 + sum(v > mine for v in section.values()), len(section), sum(v == mine for v in section.values())


def page(client, url: str) -> str:
    return html.unescape(client.get(url).content.decode())


def test_the_area_page_says_the_areas_rank_on_each_metric_counted_from_the_data(site_data, client):
    body = page(client, f"/areas/{LEEDS}/")
    for indicator, words in (("Male healthy life expectancy", "men"), ("Female healthy life expectancy", "women")):
        assert f"{expected_place(LEEDS, indicator)}, where 1st is the highest and higher is better." in body
        assert f"10% of UK upper-tier local authorities for healthy life expectancy at birth for {words}" in body
    assert "Yorkshire and The Humber" in body and "United Kingdom" in body


def test_an_area_in_the_bottom_group_is_said_to_be(site_data, client):
    position, areas, _ = expected_rank(HARTLEPOOL, "Male healthy life expectancy")
    assert position > areas - round(areas * 0.1)
    assert "In the bottom 10% of UK upper-tier local authorities for healthy life expectancy at birth for men" in page(
        client, f"/areas/{HARTLEPOOL}/"
    )


def test_the_group_share_is_the_shown_method_versions(site_data, client):
    for method in Methodology.objects.all():
        method.parameters = method.parameters | {"group_share": 0.25}
        method.save()
    body = page(client, f"/areas/{HARTLEPOOL}/")
    assert "In the bottom 25% of UK upper-tier local authorities" in body and "10%" not in body


def test_the_area_page_lists_the_metrics_it_has_no_value_for(site_data, client):
    body = page(client, f"/areas/{LEEDS}/")
    unreported = body.split("Metrics with no published value for Leeds", 1)[1]
    assert "Homicide offences per million population" in unreported and "Healthy life expectancy" not in unreported


def test_the_area_page_explains_the_status_markers_from_the_one_table_validation_reads(site_data, client, monkeypatch):
    from missions.ingestion.validation import STATUS_CODES

    monkeypatch.setitem(STATUS_CODES, "q", "a marker the publisher has just introduced")
    body = page(client, f"/areas/{LEEDS}/")
    assert all(f"{code} {meaning}" in body for code, meaning in STATUS_CODES.items())


def test_a_nation_is_not_ranked_among_local_authorities(site_data, client):
    body = page(client, f"/areas/{ENGLAND}/")
    assert (
        "Not ranked: healthy life expectancy at birth for men compares UK upper-tier local authorities, and this "
        "area (nation) is not one of them." in body
    )
    assert "police force areas (England and Wales), and this area (nation) is not one of them." in body


def test_the_area_page_links_to_a_compare_form_that_works_without_javascript(site_data, client):
    body = page(client, f"/areas/{LEEDS}/")
    assert '<form method="get" action="/areas/compare/"' in body
    assert f'<input type="hidden" name="areas" value="{LEEDS}">' in body and body.count('name="areas"') == 3


def test_two_or_three_areas_side_by_side_each_with_its_rank(site_data, client):
    body = page(client, f"/areas/compare/?areas={LEEDS}&areas={HARTLEPOOL}&areas={CARDIFF}")
    assert "Leeds, Hartlepool and Cardiff compared" in body
    for code in (LEEDS, HARTLEPOOL, CARDIFF):
        assert f"{expected_place(code, 'Male healthy life expectancy')}, where 1st is the highest" in body
    two = client.get(f"/areas/compare/?areas={LEEDS}&areas=&areas={HARTLEPOOL}", follow=True)  # third left blank
    assert two.status_code == 200 and "Leeds and Hartlepool compared" in two.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        f"areas={LEEDS.lower()}&areas={HARTLEPOOL}",
        f"areas=%20{LEEDS}%20&areas={HARTLEPOOL}",
        f"areas={LEEDS}&areas=&areas={HARTLEPOOL}",
        f"areas={LEEDS}&areas={HARTLEPOOL}" + "&areas=" * 200,
    ],
)
def test_each_choice_of_areas_has_one_address_so_variants_cannot_each_fill_the_cache(site_data, client, query):
    response = client.get(f"/areas/compare/?{query}")
    assert response.status_code == 302 and response["Location"] == f"/areas/compare/?areas={LEEDS}&areas={HARTLEPOOL}"
    assert client.get("/areas/compare/?areas=&areas=")["Location"] == "/areas/compare/"


def test_the_bare_compare_page_offers_the_form(site_data, client):
    response = client.get("/areas/compare/")
    assert response.status_code == 200 and 'id="compare-1"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        (f"areas={LEEDS}", 400, "Choose at least one more area"),
        (f"areas={LEEDS}&areas={LEEDS.lower()}", 400, f"{LEEDS} is given more than once"),
        (f"areas={LEEDS}&areas={HARTLEPOOL}&areas={CARDIFF}&areas={ENGLAND}", 400, "Choose at most 3 areas"),
        ("&".join(["areas=E06000001"] * 500), 400, "Choose at most 3 areas to compare; 500 were given"),
        (f"areas={LEEDS}&areas=leeds", 400, "'LEEDS' is not a GSS area code"),
        (f"areas={LEEDS}&areas={'E0' * 3000}", 400, "is not a GSS area code"),
        (f"areas={LEEDS}&areas=%3Cscript%3Ealert(1)%3C/script%3E", 400, "is not a GSS area code"),
        (f"areas={LEEDS}&areas=E08000035'%20OR%201=1--", 400, "is not a GSS area code"),
        (f"areas={LEEDS}&areas=E0800%00035", 400, "control characters are not allowed"),
        (f"areas={LEEDS}&areas=E99999999", 404, "No area has the code E99999999"),
    ],
)
def test_bad_choices_of_areas_get_a_clear_message_never_a_server_error(site_data, client, query, status, message):
    response = client.get(f"/areas/compare/?{query}")
    body = response.content.decode()
    assert response.status_code == status and message in html.unescape(body)
    assert "<script>" not in body and "E0E0E0E0E0E0E0" not in body  # escaped, and long input is cut


def test_the_compare_page_is_cached_on_its_areas_alone(site_data, client):
    assert area_compare.public_parameters == ("areas",)
    first = client.get(f"/areas/compare/?areas={LEEDS}&areas={HARTLEPOOL}")
    again = client.get(f"/areas/compare/?areas={LEEDS}&areas={HARTLEPOOL}&utm_source=x")
    other = client.get(f"/areas/compare/?areas={LEEDS}&areas={CARDIFF}")
    assert again.content == first.content and "Cardiff" in other.content.decode()


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        (f"/areas/{LEEDS}/", 20),
        (f"/areas/compare/?areas={LEEDS}&areas={HARTLEPOOL}&areas={CARDIFF}", 24),
        (f"/areas/{LEEDS}/charts/healthy-life-expectancy.svg?breakdown=Male", 8),
    ],
)
def test_area_pages_stay_within_a_query_budget(site_data, client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_each_metric_on_the_area_page_has_a_chart_and_its_data_table(site_data, client):
    body = page(client, f"/areas/{LEEDS}/")
    chart = f"/areas/{LEEDS}/charts/healthy-life-expectancy.svg?breakdown=Male"
    assert f'<img class="app-chart__image" src="{chart}" alt="Line chart of healthy life expectancy' in body
    assert "for Leeds, Yorkshire and The Humber, England and United Kingdom" in body
    assert body.count("Data for this chart") == 2


def test_the_chart_draws_the_area_beside_its_region_nation_and_the_uk(site_data, client):
    response = client.get(f"/areas/{LEEDS}/charts/healthy-life-expectancy.svg?breakdown=Female&utm=x")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    for name in (b"Leeds", b"Yorkshire and The Humber", b"England", b"United Kingdom"):
        assert name in response.content


@pytest.mark.parametrize(
    "url",
    [
        f"/areas/{LEEDS}/charts/healthy-life-expectancy.svg?breakdown=Nope",
        f"/areas/{LEEDS}/charts/healthy-life-expectancy.svg",  # the metric is read by breakdown only
        f"/areas/{LEEDS}/charts/homicide-rate.svg",  # no value for Leeds: police force areas
        f"/areas/{LEEDS}/charts/nope.svg",
        "/areas/X99999999/charts/healthy-life-expectancy.svg?breakdown=Male",
    ],
)
def test_a_chart_with_nothing_to_draw_is_not_found(site_data, client, url):
    assert client.get(url).status_code == 404
