"""The public cache never outlives a catalogue edit or a scheduled report, and never serves another host's page."""

import pytest
from rest_framework.pagination import PageNumberPagination

pytestmark = pytest.mark.django_db


def _admin_form_data(admin_client, url: str, **changes) -> dict:
    """Return the admin change form's current values (inlines left untouched) with these changes."""
    context = admin_client.get(url).context
    data = {k: v for k, v in context["adminform"].form.initial.items() if v is not None and not isinstance(v, list)}
    for inline in context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data | changes


def test_renaming_a_mission_in_the_admin_shows_on_the_home_page_at_once(
    catalogue, client, admin_client, django_capture_on_commit_callbacks
):
    from missions.models import Mission

    mission = Mission.objects.get(slug="crime")
    assert "Safer streets" not in client.get("/").content.decode()
    url = f"/admin/missions/mission/{mission.pk}/change/"
    data = _admin_form_data(admin_client, url, short_name="Safer streets", change_reason="clearer name")
    data |= {"pillar": mission.pillar_id, "framework": mission.framework_id}  # foreign keys by id
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    assert "Safer streets" in client.get("/").content.decode()


def test_a_metric_edited_through_the_governance_service_shows_at_once(
    catalogue, client, admin_user, django_capture_on_commit_callbacks
):
    from missions.models import Metric
    from missions.services.governance import edit_metric

    assert "Killings per million" not in client.get("/metrics/homicide-rate/").content.decode()
    metric = Metric.objects.get(slug="homicide-rate")
    with django_capture_on_commit_callbacks(execute=True):
        edit_metric(metric=metric, user=admin_user, changes={"name": "Killings per million"}, reason="plainer")
    assert "Killings per million" in client.get("/metrics/homicide-rate/").content.decode()


def test_scheduling_a_report_shows_on_the_calendar_at_once(client, people, django_capture_on_commit_callbacks):
    from datetime import date

    from reports.models import Report
    from reports.services import schedule_report

    report = Report.objects.create(
        series="r", title="r", as_of=date(2026, 6, 30), snapshot={}, status=Report.Status.APPROVED,
        created_by=people["analyst"], approved_by=people["approver"],
    )  # fmt: skip
    assert "30 June 2026" not in client.get("/calendar/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        schedule_report(report=report, user=people["publisher"])
    assert "30 June 2026" in client.get("/calendar/").content.decode()


@pytest.mark.parametrize("url", ["/", "/api/missions/", "/calendar.ics"])
def test_a_cached_page_asked_for_with_a_host_not_allowed_is_a_400(catalogue, client, url):
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # now cached
    assert client.get(url, HTTP_HOST="evil.example").status_code == 400


def test_pagination_links_name_the_readers_own_host(catalogue, client, monkeypatch):
    monkeypatch.setattr(PageNumberPagination, "page_size", 10)
    first = client.get("/api/metrics/", HTTP_HOST="localhost").json()
    assert first["next"].startswith("http://localhost/")
    second = client.get("/api/metrics/", HTTP_HOST="127.0.0.1").json()
    assert second["next"].startswith("http://127.0.0.1/")
    secure = client.get("/api/metrics/", HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https").json()
    assert secure["next"].startswith("https://localhost/")


def test_unknown_query_parameters_neither_add_cache_entries_nor_change_the_page(catalogue, client):
    from missions.caching import _pages

    home = client.get("/").content
    for n in range(5):
        assert client.get(f"/?x={n}&utm_source=spam{n}").content == home
    assert len(_pages) == 1


def test_the_parameters_a_view_reads_still_make_their_own_entries(catalogue, client):
    from missions.caching import _pages

    headline = client.get("/api/metrics/", {"role": "headline"}).json()["count"]
    proxy = client.get("/api/metrics/", {"role": "proxy"}).json()["count"]
    assert headline != proxy and len(_pages) == 2
    assert client.get("/api/metrics/", {"role": "proxy", "junk": "1"}).json()["count"] == proxy
    client.get("/api/observations/", {"as_of": "2020-01-01"})
    client.get("/api/observations/")
    client.get("/areas/", {"q": "leeds"})
    client.get("/areas/", {"q": "leeds", "page": "7"})
    assert len(_pages) == 5


def test_an_accept_header_makes_its_own_entry_only_where_it_chooses_the_format(catalogue, client):
    from missions.caching import _pages

    home = client.get("/").content
    for n in range(5):
        assert client.get("/", HTTP_ACCEPT=f"text/html;q=0.{n}, made/up{n}").content == home
    assert len(_pages) == 1
    as_json = client.get("/api/metrics/", HTTP_ACCEPT="application/json")
    as_csv = client.get("/api/metrics/", HTTP_ACCEPT="text/csv")
    assert as_json["Content-Type"] != as_csv["Content-Type"] and len(_pages) == 3
