"""Reviewing a quarantined release: accepted with its bad rows held back by one person, confirmed by another."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from missions.models import HeldBackRow, Observation, Release
from missions.services.ingest import ingest_source, register_source
from missions.services.review import accept_with_held_back, confirm_release, reject_release

pytestmark = pytest.mark.django_db
SLUG = "test-indicator"
HEADER = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes\n"
ROWS = [
    "E06000001,Hartlepool,UA,Pay,2019,10.5,,,10,11,,",
    "E06000002,Middlesbrough,UA,Pay,2019,9,,,8,10,,",
    "E06000003,Stockton,UA,Pay,2019,7,,,6,8,,",
    "E06000004,Redcar,UA,Pay,2019,5,,,4,6,,",
]
OUTSIDE = "E06000005,Darlington,UA,Pay,2019,99,,,4,6,,"
NA_CODE = "na,Somewhere,UA,Pay,2019,3,,,,,,"
META = {"ess-beta-metadata": {"label": "Pay", "sourceDate": "01/02/2025", "sourceOrg": "Test Office"}}
REASON = "Six values outside their own intervals; the rest checked against the publisher's tables"


def _publish(root, rows, meta=META):
    folder = root / SLUG
    folder.mkdir(exist_ok=True)
    (folder / f"{SLUG}.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / f"{SLUG}.json").write_text(json.dumps(meta), encoding="utf-8")


def _quarantined(tmp_path, server, rows) -> Release:
    _publish(tmp_path, rows)
    outcome = ingest_source(source=register_source(slug=SLUG), location=f"{server.url}/{SLUG}")
    assert outcome.status == "quarantined"
    return Release.objects.get(pk=outcome.release_id)


def _user(django_user_model, name, role=None, superuser=False):
    user = django_user_model.objects.create_user(
        username=name, password="a-long-test-password", is_staff=True, is_superuser=superuser
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def roles(django_user_model):
    return {
        "analyst": _user(django_user_model, "ana", "Analyst"),
        "approver": _user(django_user_model, "appr", "Approver"),
        "auditor": _user(django_user_model, "aud", "Auditor"),
        "editor": _user(django_user_model, "edit", "Target editor"),
        "admin": _user(django_user_model, "boss", superuser=True),
    }


def test_row_errors_are_held_back_and_the_rest_becomes_current_only_after_a_second_person_confirms(
    tmp_path, tmp_server, roles
):
    release = _quarantined(tmp_path, tmp_server, [*ROWS, OUTSIDE, NA_CODE])
    assert {e["scope"] for e in release.report["errors"]} == {"row"}
    accept_with_held_back(release=release, user=roles["analyst"], reason=REASON)
    release.refresh_from_db()
    assert (release.status, release.review_reason, release.reviewed_by) == ("pending", REASON, roles["analyst"])
    assert not Observation.objects.exists()
    outcome = confirm_release(release=release, user=roles["approver"])
    release.refresh_from_db()
    assert (outcome.status, release.status, release.added, release.confirmed_by) == (
        "accepted",
        "accepted",
        4,
        roles["approver"],
    )
    assert sorted(Observation.objects.values_list("area_code", flat=True)) == [c[:9] for c in ROWS]
    held = {(h.line, h.area_code, h.reason) for h in HeldBackRow.objects.filter(release=release)}
    assert held == {
        (6, "E06000005", "value: value outside its own 95% interval"),
        (7, "na", "area_code: not a GSS area code"),
    }


WHOLE_FILE = {
    "conflicting duplicates": [*ROWS, OUTSIDE, ROWS[0].replace("10.5", "10.7")],
    "unrecognised period": [*ROWS, OUTSIDE.replace(",2019,", ",sometime,")],
    "most rows in error": [ROWS[0], OUTSIDE, NA_CODE, NA_CODE.replace("na,", "nb,")],
}


@pytest.mark.parametrize("case", WHOLE_FILE)
def test_a_whole_file_error_cannot_be_accepted(tmp_path, tmp_server, roles, case):
    release = _quarantined(tmp_path, tmp_server, WHOLE_FILE[case])
    with pytest.raises(ValidationError, match="cannot be accepted"):
        accept_with_held_back(release=release, user=roles["analyst"], reason=REASON)
    release.refresh_from_db()
    assert release.status == "quarantined" and not HeldBackRow.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
        "code,name,when,number\nE06000001,Hartlepool,2019,10\n",
        HEADER + ROWS[0] + "\nE06000003,Stockton,UA,Pay,2019-01-01/P1",
    ],
    ids=["html", "wrong header", "truncated"],
)
def test_a_file_that_cannot_be_read_cannot_be_accepted(tmp_path, tmp_server, roles, text):
    folder = tmp_path / SLUG
    folder.mkdir()
    (folder / f"{SLUG}.csv").write_text(text, encoding="utf-8")
    outcome = ingest_source(source=register_source(slug=SLUG), location=f"{tmp_server.url}/{SLUG}")
    release = Release.objects.get(pk=outcome.release_id)
    assert release.report["errors"][0]["scope"] == "file"
    with pytest.raises(ValidationError, match="whole-file"):
        accept_with_held_back(release=release, user=roles["analyst"], reason=REASON)


def test_when_the_publisher_fixes_the_rows_they_arrive_as_ordinary_additions(tmp_path, tmp_server, roles):
    release = _quarantined(tmp_path, tmp_server, [*ROWS, OUTSIDE])
    accept_with_held_back(release=release, user=roles["analyst"], reason=REASON)
    confirm_release(release=release, user=roles["approver"])
    _publish(tmp_path, [*ROWS, OUTSIDE.replace(",99,", ",5,")], META | {})
    outcome = ingest_source(source=register_source(slug=SLUG), location=f"{tmp_server.url}/{SLUG}")
    assert outcome.status == "accepted"
    assert outcome.counts == {"added": 1, "revised": 0, "notes_revised": 0, "unchanged": 4, "withdrawn": 0}
    assert Observation.objects.get(area_code="E06000005", superseded_by=None).value == 5


def test_a_review_needs_a_reason_and_a_rejection_is_recorded(tmp_path, tmp_server, roles):
    release = _quarantined(tmp_path, tmp_server, [*ROWS, OUTSIDE])
    with pytest.raises(ValidationError, match="reason"):
        accept_with_held_back(release=release, user=roles["analyst"], reason="  ")
    reject_release(release=release, user=roles["analyst"], reason="The publisher is re-issuing the file")
    release.refresh_from_db()
    assert (release.status, release.review_reason) == ("rejected", "The publisher is re-issuing the file")
    with pytest.raises(ValidationError, match="rejected"):
        accept_with_held_back(release=release, user=roles["analyst"], reason=REASON)


@pytest.mark.parametrize("role", ["auditor", "editor", "approver"])
def test_only_an_analyst_or_administrator_may_accept_or_reject_a_quarantined_release(tmp_path, tmp_server, roles, role):
    release = _quarantined(tmp_path, tmp_server, [*ROWS, OUTSIDE])
    with pytest.raises(PermissionDenied):
        accept_with_held_back(release=release, user=roles[role], reason=REASON)
    with pytest.raises(PermissionDenied):
        reject_release(release=release, user=roles[role], reason=REASON)
    release.refresh_from_db()
    assert release.status == "quarantined"


@pytest.mark.parametrize("role", ["auditor", "editor", "analyst"])
def test_only_an_approver_or_administrator_may_confirm(tmp_path, tmp_server, roles, role):
    release = _quarantined(tmp_path, tmp_server, [*ROWS, OUTSIDE])
    accept_with_held_back(release=release, user=roles["admin"], reason=REASON)
    with pytest.raises(PermissionDenied):
        confirm_release(release=release, user=roles[role])
    release.refresh_from_db()
    assert release.status == "pending" and not Observation.objects.exists()


def test_the_person_who_accepted_a_release_cannot_confirm_it(tmp_path, tmp_server, roles):
    release = _quarantined(tmp_path, tmp_server, [*ROWS, OUTSIDE])
    accept_with_held_back(release=release, user=roles["admin"], reason=REASON)
    with pytest.raises(PermissionDenied, match="second person"):
        confirm_release(release=release, user=roles["admin"])
    confirm_release(release=release, user=roles["approver"])
    assert Release.objects.get(pk=release.pk).status == "accepted"


def test_an_inactive_approver_cannot_confirm(tmp_path, tmp_server, roles):
    release = _quarantined(tmp_path, tmp_server, [*ROWS, OUTSIDE])
    accept_with_held_back(release=release, user=roles["analyst"], reason=REASON)
    roles["approver"].is_active = False
    with pytest.raises(PermissionDenied):
        confirm_release(release=release, user=roles["approver"])


def test_a_hostile_area_code_in_a_held_back_row_is_stored_as_text_and_shown_escaped(
    tmp_path, tmp_server, roles, client
):
    hostile = "<script>alert(1)</script>,Somewhere,UA,Pay,2019,3,,,,,,"
    release = _quarantined(tmp_path, tmp_server, [*ROWS, hostile])
    accept_with_held_back(release=release, user=roles["analyst"], reason=REASON)
    client.force_login(roles["analyst"])
    page = client.get(f"/admin/missions/release/{release.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_admin_review_and_confirm_pages_run_the_same_services_for_the_right_roles(
    tmp_path, tmp_server, roles, client
):
    release = _quarantined(tmp_path, tmp_server, [*ROWS, OUTSIDE])
    review, confirm = f"/admin/missions/release/{release.pk}/review/", f"/admin/missions/release/{release.pk}/confirm/"
    for role in ("auditor", "editor", "approver"):
        client.force_login(roles[role])
        assert client.post(review, {"decision": "accept", "reason": REASON}).status_code == 403
    client.force_login(roles["analyst"])
    page = client.get(review).content.decode()
    assert "value outside its own 95% interval" in page and "can be held back" in page and "99" in page
    client.post(review, {"decision": "accept", "reason": REASON})
    assert Release.objects.get(pk=release.pk).status == "pending"
    for role in ("auditor", "editor", "analyst"):
        client.force_login(roles[role])
        assert client.post(confirm, {"decision": "confirm"}).status_code == 403
    client.force_login(roles["approver"])
    client.post(confirm, {"decision": "confirm"})
    assert Release.objects.get(pk=release.pk).status == "accepted"
    assert "E06000005" in client.get(f"/admin/missions/release/{release.pk}/change/").content.decode()
