"""A mission's status and figures are the same on its page, in the API and in a report built at the same date."""

import re
from datetime import date

import pytest

from missions.findings.numbers import format_number

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 6, 30)


def test_page_api_and_report_agree_on_every_health_target(published_report, client):
    report = published_report  # built by build_report at AS_OF on the site data, once per test process
    entries = {e["key"]: e for m in report.snapshot["missions"] if m["number"] == 7 for e in m["targets"]}
    api = client.get("/api/assessments/", {"target__metric__mission__slug": "health", "as_of": AS_OF}).json()
    page = client.get("/missions/health/").content.decode()
    assert api["count"] == len(entries) == 9
    for row in api["results"]:
        key = f"{row['metric']}-{row['target']}" + (f"-{row['breakdown'].lower()}" if row["breakdown"] else "")
        entry = entries[key]
        assert (row["status"], row["probability"]) == (entry["status"], entry["probability"])
        assert row["summary"] == entry["summary"]
        detail = client.get(row["url"]).json()
        assert detail["result"]["figures"] == entry["result"]["figures"]
        card = page.split(f'id="{key}"', 1)[1].split('class="govuk-summary-card"', 1)[0]
        assert entry["status_label"] in card
        latest = entry["summary"]["latest"]
        if latest:
            shown = re.search(r'data-figure="latest">([^<]*)<', card).group(1)
            assert shown == f"{format_number(latest['value'], entry['decimal_places'])} ({latest['period_label']})"
