"""Embargo is access control: before release nothing public reveals a draft; afterwards it is there."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from reports.services import approve_report, build_report, publish_due_reports, schedule_report

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SENTINEL = "Sentinel 7391046582"


SITE = [
    "/",
    "/missions/health/",
    "/metrics/healthy-life-expectancy/",
    "/areas/E08000035/",
    "/methodology/",
    "/data/",
    "/licence/",
    "/reports/",
    "/reports/feed.atom",
    "/corrections/",
    "/corrections/feed.atom",
    "/calendar/",
    "/calendar.ics",
    "/data/all.zip",
    "/metrics/healthy-life-expectancy/data.csv",
]
API = [
    "/api/reports/",
    "/api/reports/?format=csv",
    "/api/assessments/",
    "/api/releases/",
    "/api/missions/",
    "/api/schema/",
]


def public_urls(report) -> list[str]:
    base = f"/reports/{report.series}"
    names = list(report.artefacts.values_list("name", flat=True))
    return [*SITE, *API, f"/api/reports/{report.pk}/", f"{base}/", f"{base}/v1/",
            *[f"{base}/v1/{n}" for n in names], f"{base}/v2/", f"/staff/reports/{report.pk}/report.html"]  # fmt: skip


def test_a_sentinel_in_a_draft_appears_nowhere_public_before_release_and_does_after(site_data, people, client):
    with time_machine.travel(datetime(2026, 11, 23, 15, 0, tzinfo=LONDON), tick=False):
        report = build_report(as_of=date(2026, 6, 30), title=f"Report {SENTINEL}", author=people["analyst"])
        urls = public_urls(report)
        for status in ("draft", "approved", "scheduled"):
            if status == "approved":
                approve_report(report=report, user=people["approver"])
            if status == "scheduled":
                schedule_report(report=report, user=people["publisher"])
            for url in urls:
                response = client.get(url)
                assert SENTINEL.encode() not in response.content, (status, url)
                if url.startswith((f"/reports/{report.series}", f"/api/reports/{report.pk}")):
                    assert response.status_code == 404, (status, url)
                if url.startswith("/staff/"):
                    assert response.status_code == 302, (status, url)  # staff only: sent to sign in
    with time_machine.travel(datetime(2026, 11, 24, 9, 30, tzinfo=LONDON), tick=False):
        publish_due_reports()
    assert SENTINEL.encode() in client.get(f"/reports/{report.series}/v1/").content
    assert SENTINEL.encode() in client.get("/reports/").content
    assert client.get(f"/reports/{report.series}/v1/report.pdf").status_code == 200
    assert SENTINEL.encode() in client.get("/api/reports/").content
    assert SENTINEL.encode() in client.get("/reports/feed.atom").content


@pytest.mark.parametrize(
    ("perms", "otp", "expected"),
    [
        ((), False, 403),  # staff, but no report permission (e.g. a Target editor)
        (("view_report",), False, 200),
        (("view_report",), True, 302),  # two-factor on and no verified device: sent to sign in
    ],
)
def test_a_staff_preview_needs_the_view_report_permission_and_a_verified_device(
    people, client, django_user_model, settings, perms, otp, expected
):
    from reports.models import Artefact, Report
    from tests.reports.conftest import make_user

    settings.ADMIN_REQUIRE_OTP = otp
    report = Report.objects.create(
        series="s", title="Embargoed", as_of=date(2026, 6, 30), snapshot={}, created_by=people["analyst"]
    )
    Artefact.objects.create(report=report, name="report.html", content_type="text/html", content=b"<p>x</p>",
                            sha256="0" * 64, size=8)  # fmt: skip
    client.force_login(make_user(django_user_model, "staffer", *perms))
    response = client.get(f"/staff/reports/{report.pk}/report.html")
    assert response.status_code == expected
    assert (b"<p>x</p>" in response.content) == (expected == 200)
    if expected != 200:  # every staff page of an unpublished report is guarded alike
        for page in ("commentary", "diff"):
            assert client.get(f"/staff/reports/{report.pk}/{page}/").status_code == expected


def test_a_drafts_pdf_is_rendered_for_a_staff_preview_and_never_stored_or_public(
    hle_draft, people, client, django_user_model
):
    from pypdf import PdfReader

    from tests.reports.conftest import make_user

    report = hle_draft
    assert not report.artefacts.filter(name="report.pdf").exists()  # rendered when scheduled, not when built
    url = f"/staff/reports/{report.pk}/report.pdf"
    assert client.get(url).status_code == 302  # not signed in: sent to sign in
    client.force_login(people["nobody"])
    assert client.get(url).status_code == 403  # guarded before anything is rendered
    client.force_login(make_user(django_user_model, "reader", "view_report"))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    first_page = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Not yet scheduled: an embargoed draft" in first_page
    assert not report.artefacts.filter(name="report.pdf").exists()
    assert report.pre_release_access.filter(path=url).exists()
    assert client.get(f"/staff/reports/{report.pk}/report.docx").status_code == 404
    assert client.get(f"/reports/{report.series}/v{report.version}/report.pdf").status_code == 404
