"""Roles and governed changes: a permission matrix through the services and the admin, reasons, audit trail."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from missions.models import Metric, Mission, Source, Target
from missions.services.governance import add_source, edit_metric, edit_target, request_ingest, retire
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db
ROLES = ["Target editor", "Analyst", "Approver", "Publisher", "Auditor", "Administrator"]
ALLOWED = {  # action -> roles allowed to do it
    "edit target": {"Target editor", "Administrator"},
    "edit metric": {"Target editor", "Administrator"},
    "add source": {"Analyst", "Administrator"},
    "trigger ingest": {"Analyst", "Administrator"},
    "build report": {"Analyst", "Administrator"},
    "approve report": {"Approver", "Administrator"},
    "schedule report": {"Publisher", "Administrator"},
    "publish report": {"Publisher", "Administrator"},
    "view history": {"Target editor", "Auditor", "Administrator"},
}


@pytest.fixture
def staff(django_user_model):
    users = {}
    for role in ROLES:
        user = django_user_model.objects.create_user(
            username=role.lower().replace(" ", "_"), password="x" * 16, is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        users[role] = django_user_model.objects.get(pk=user.pk)
    return users


def attempt(action: str, user) -> bool:
    """Return whether the service let user do action."""
    from reports.services import publish_due_reports_by

    target = Target.objects.get(metric__slug="ks2-rwm-expected", key="level")
    metric = Metric.objects.get(slug="ks2-rwm-expected")
    calls = {
        "edit target": lambda: edit_target(target=target, user=user, changes={"value": 91}, reason="Test"),
        "edit metric": lambda: edit_metric(metric=metric, user=user, changes={"notes": "x"}, reason="Test"),
        "add source": lambda: add_source(user=user, slug="new-source"),
        "trigger ingest": lambda: request_ingest(user=user, source=Source.objects.get_or_create(slug="s")[0]),
        "build report": lambda: _require_only(user, "reports.add_report"),
        "approve report": lambda: _require_only(user, "reports.approve_report"),
        "schedule report": lambda: _require_only(user, "reports.schedule_report"),
        "publish report": lambda: publish_due_reports_by(user=user),
        "view history": lambda: _require_only(user, "missions.view_historicaltarget"),
    }
    try:
        with transaction.atomic():
            calls[action]()
        return True
    except PermissionDenied:
        return False


def _require_only(user, perm):
    from missions.services.governance import require

    require(user, perm, perm)


@pytest.mark.parametrize("action", ALLOWED)
def test_the_permission_matrix_through_the_services(catalogue, staff, action):
    assert {role for role, user in staff.items() if attempt(action, user)} == ALLOWED[action]


@pytest.mark.parametrize(("role", "status"), [("Target editor", 200), ("Auditor", 200), ("Approver", 403)])
def test_the_admin_enforces_the_same_roles(catalogue, staff, client, role, status):
    target = Target.objects.get(metric__slug="ks2-rwm-expected", key="level")
    client.force_login(staff[role])
    assert client.get(f"/admin/missions/target/{target.pk}/change/").status_code == status
    history = client.get(f"/admin/missions/target/{target.pk}/history/").status_code
    assert history == (200 if role in ALLOWED["view history"] else 403)


def test_an_auditor_sees_everything_and_changes_nothing(catalogue, staff, client):
    target = Target.objects.get(metric__slug="ks2-rwm-expected", key="level")
    client.force_login(staff["Auditor"])
    response = client.post(f"/admin/missions/target/{target.pk}/change/", {"value": "1", "change_reason": "x"})
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.value == 90


def test_a_target_edit_without_a_reason_is_refused_everywhere(catalogue, staff, client):
    target = Target.objects.get(metric__slug="ks2-rwm-expected", key="level")
    with pytest.raises(ValidationError, match="reason"):
        edit_target(target=target, user=staff["Target editor"], changes={"value": 91}, reason="  ")
    target.value = 91
    with pytest.raises(ValidationError, match="needs a reason"):
        target.save()
    client.force_login(staff["Target editor"])
    page = client.get(f"/admin/missions/target/{target.pk}/change/")
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()} | {"value": "91", "change_reason": ""}
    response = client.post(f"/admin/missions/target/{target.pk}/change/", data)
    assert response.status_code == 200 and "change_reason" in response.context["adminform"].form.errors
    assert Target.objects.get(pk=target.pk).value == 90


def test_an_edit_with_a_reason_is_recorded_and_published(catalogue, staff, client):
    target = Target.objects.get(metric__slug="healthy-life-expectancy", key="change")
    edit_target(target=target, user=staff["Target editor"], changes={"value": 4}, reason="Annex figure corrected")
    record = target.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (staff["Target editor"], "Annex figure corrected")
    page = client.get("/missions/health/").content.decode()
    assert "Annex figure corrected" in page and "5.0000" in page


def test_history_rows_cannot_be_altered_or_deleted(catalogue):
    history = Target.history.model
    for action in (
        lambda: history.objects.update(history_change_reason="rewritten"),
        lambda: history.objects.all().delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            action()


def test_a_retired_mission_stays_visible_as_retired(catalogue, staff, client):
    mission = Mission.objects.get(slug="local-leadership")
    with pytest.raises(PermissionDenied):
        retire(obj=mission, user=staff["Analyst"], on=date(2025, 1, 1), reason="x")
    retire(obj=mission, user=staff["Administrator"], on=date(2025, 1, 1), reason="Superseded by devolution policy")
    body = client.get("/missions/local-leadership/").content.decode()
    assert "retired" in body and "Superseded by devolution policy" in body
    assert client.get("/api/missions/local-leadership/").json()["status"] == "retired"


def test_the_roles_exist_as_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_a_targets_key_type_and_metric_are_fixed_once_it_exists(catalogue, staff, client):
    from missions.services.governance import save_catalogue_object

    target = Target.objects.get(metric__slug="ks2-rwm-expected", key="level")
    for field, value in (
        ("key", "level-2"),
        ("type", "change"),
        ("metric", Metric.objects.exclude(pk=target.metric_id)[0]),
    ):
        changed = Target.objects.get(pk=target.pk)
        setattr(changed, field, value)
        with pytest.raises(ValidationError, match="cannot change"):
            save_catalogue_object(obj=changed, user=staff["Administrator"], reason="Rename")
    with pytest.raises(ValidationError, match="cannot be changed"):
        edit_target(target=target, user=staff["Administrator"], changes={"key": "level-2"}, reason="Rename")
    client.force_login(staff["Target editor"])
    page = client.get(f"/admin/missions/target/{target.pk}/change/")
    form = page.context["adminform"].form
    assert not {"key", "type", "metric"} & set(form.fields)
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data |= {"key": "level-2", "value": "91", "change_reason": "Annex corrected"}
    assert client.post(f"/admin/missions/target/{target.pk}/change/", data).status_code == 302
    target.refresh_from_db()
    assert (target.key, target.value) == ("level", 91)
    record = target.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (staff["Target editor"], "Annex corrected")


def test_the_admin_saves_catalogue_edits_through_the_governance_service(catalogue, staff, client, monkeypatch):
    from missions.admin import catalogue as admin_module

    calls = []
    real = admin_module.save_catalogue_object
    monkeypatch.setattr(admin_module, "save_catalogue_object", lambda **kw: calls.append(kw) or real(**kw))
    mission = Mission.objects.get(slug="health")
    client.force_login(staff["Target editor"])
    data = form_data(client, f"/admin/missions/mission/{mission.pk}/change/") | {"short_name": "Health (corrected)"}
    assert client.post(f"/admin/missions/mission/{mission.pk}/change/", data).status_code == 302
    assert [c["obj"].pk for c in calls] == [mission.pk] and calls[0]["user"] == staff["Target editor"]
    assert calls[0]["reason"] == "Probe: a change an editor would make"
    assert Mission.objects.get(pk=mission.pk).short_name == "Health (corrected)"


def test_retiring_in_the_admin_goes_through_retirement(catalogue, staff):
    from missions.services.governance import save_catalogue_object

    mission = Mission.objects.get(slug="local-leadership")
    mission.status = Mission.Status.RETIRED
    save_catalogue_object(obj=mission, user=staff["Administrator"], reason="Dropped by the 2024 statement")
    mission.refresh_from_db()
    assert mission.retired_on is not None and mission.retired_reason == "Dropped by the 2024 statement"
    assert mission.history.latest("history_date").history_change_reason.startswith("Retired:")


def test_a_change_to_the_series_a_metric_reads_shows_in_its_history(catalogue, staff, client):
    from missions.models import MetricSeries
    from missions.services.governance import record_series

    metric = Metric.objects.get(slug="ks2-rwm-expected")
    before = metric.series_read
    assert before  # loaded with the catalogue
    MetricSeries.objects.create(metric=metric, source_slug="new-source", indicator_name="New indicator")
    record_series(metric=metric, user=staff["Administrator"], reason="A second publisher")
    latest, previous = metric.history.order_by("-history_date", "-history_id")[:2]
    delta = latest.diff_against(previous)
    assert delta.changed_fields == ["series_read"]
    assert "new-source: New indicator" in delta.changes[0].new and delta.changes[0].old == before
    client.force_login(staff["Auditor"])
    assert "new-source: New indicator" in client.get(f"/admin/missions/metric/{metric.pk}/history/").content.decode()


def test_one_permission_check_refuses_a_deactivated_account_everywhere(catalogue, staff):
    from reports.services import approve_report, publish_due_reports_by

    admin_user = staff["Administrator"]
    admin_user.is_active = False
    target = Target.objects.get(metric__slug="ks2-rwm-expected", key="level")
    with pytest.raises(PermissionDenied):
        edit_target(target=target, user=admin_user, changes={"value": 91}, reason="x")
    with pytest.raises(PermissionDenied):
        publish_due_reports_by(user=admin_user)
    with pytest.raises(PermissionDenied):
        approve_report(report=None, user=admin_user)


def test_a_source_added_in_the_admin_is_added_by_the_service(staff, client, monkeypatch):
    from missions.admin import data as admin_module

    calls = []
    real = admin_module.add_source
    monkeypatch.setattr(admin_module, "add_source", lambda **kw: calls.append(kw) or real(**kw))
    Source.objects.create(slug="existing", location="/data/existing", name="Existing")
    client.force_login(staff["Analyst"])
    data = form_data(client, f"/admin/missions/source/{Source.objects.get().pk}/change/", for_add=True)
    assert client.post("/admin/missions/source/add/", data).status_code == 302
    added = Source.objects.get(slug="existing00")
    assert [c["slug"] for c in calls] == ["existing00"] and calls[0]["user"] == staff["Analyst"]
    assert added.name == "Existing00"
