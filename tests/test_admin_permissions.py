"""Every admin URL that accepts a POST, posted by every role that lacks the permission it needs: nothing changes.

Each probe is a POST an Administrator would make (its data is read from the page the admin serves); the last test
proves the probes are real by making them as the Administrator and seeing the database change.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from missions.services.catalogue import load_catalogue
from missions.services.governance import FIXED_AFTER_CREATION
from reports.roles import ROLES
from tests.admin_forms import MARK, form_data

qn = connection.ops.quote_name

pytestmark = pytest.mark.django_db
# Actions that do their work through a service, and the permission the service checks.
ACTION_PERMS = {
    "check_now": "missions.trigger_ingest",
    "approve": "reports.approve_report",
    "schedule_default": "reports.schedule_report",
    "publish_due": "reports.publish_report",
    "rebuild": "reports.add_report",  # rebuild_report: whoever may build a report may rebuild a draft
}
STANDARD_URLS = {"changelist", "add", "history", "delete", "change", "simple_history"}
CUSTOM_URLS = {  # every custom admin view, each probed below
    "missions_source_enter": "missions.add_release",
    "missions_release_review": "missions.review_release",
    "missions_release_confirm": "missions.confirm_release",
    "otp_totp_totpdevice_config": "otp_totp.change_totpdevice",
    "otp_totp_totpdevice_qrcode": "otp_totp.change_totpdevice",
    "auth_user_password_change": "auth.change_user",
}
# Probes that change nothing even for the Administrator, and why (the admin offers no such write at all).
ADD_DATA = {  # what an add form needs beyond a copy of an existing object's fields
    "User": {
        "password1": "a-brand-new-passphrase-7",
        "password2": "a-brand-new-passphrase-7",
        "usable_password": "true",
    },
    "TOTPDevice": {"key": "ab" * 20},  # the key is not shown for an existing device
}
READ_ONLY = {"Release", "Observation", "PreReleaseAccess", "AccessAttempt", "AccessLog", "AccessFailureLog"}
RECORDS = {"Release", "Observation", "PreReleaseAccess"}  # never deleted: the audit trail of data and embargo
PROTECTED = {"Framework", "Pillar", "Source", "Indicator"}  # rows elsewhere refer to them
# Probes that change nothing even for the Administrator, because the admin offers no such write to anyone.
INERT = {
    *(f"delete {n}" for n in ("Mission", "Metric", "Target")),  # retired with a reason, never deleted
    *(f"{kind} {n}" for n in PROTECTED for kind in ("delete", "action delete_selected on")),
    *(f"{kind} {n}" for n in READ_ONLY - {"AccessAttempt"} for kind in ("add", "change")),
    *(f"{kind} {n}" for n in RECORDS for kind in ("delete", "action delete_selected on")),
    "add AccessAttempt",
    "change AccessAttempt",  # nothing editable: its fields are all read-only
    "add Report",  # reports are built from data, never typed in
    "delete Report",  # its pre-release access and schedule records are kept (PROTECT), so it stays too
    "action delete_selected on Report",
    # The probed release is accepted: review and confirmation apply only to quarantined and pending releases (their
    # effect, and their refusal for every other role, is tested in tests/missions/test_release_review.py).
    "custom missions_release_review",
    "custom missions_release_confirm",
    "custom otp_totp_totpdevice_config",  # a GET page, refused anyway: secrets are never shown
    "custom otp_totp_totpdevice_qrcode",
}
CSV = (
    "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes\n"
    "E06000001,Hartlepool,UA,Devolution deal coverage,2024-01,60,,,,,,\n"  # an area the probe world knows
)


@dataclass
class Probe:
    name: str
    url: str
    perm: str
    data: dict = field(default_factory=dict)
    upload: bool = False


@pytest.fixture
def world(django_user_model):
    """Role accounts, a spare account, and one object of every model the admin shows: created for real once per test
    process, then copied back with the same ids (tests.snapshots)."""
    from reports.models import Report
    from tests.snapshots import load_once

    pks = load_once("admin-world", lambda: create_world(django_user_model))
    users = {role: django_user_model.objects.get(pk=pk) for role, pk in pks["users"].items()}
    spare = django_user_model.objects.get(pk=pks["spare"])
    return {"users": users, "spare": spare, "draft": Report.objects.get(pk=pks["draft"])}


def create_world(django_user_model) -> dict:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from missions.models import Area, Indicator, Observation, Release, Source
    from reports.models import PreReleaseAccess, Report

    load_catalogue()
    users = {}
    for role in ROLES:
        user = django_user_model.objects.create_user(username=role.lower().replace(" ", "_"), is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    spare = django_user_model.objects.create_user(username="spare", email="spare@example.org", is_staff=True)
    TOTPDevice.objects.create(user=spare, name="phone", confirmed=True)
    long_ago = timezone.now() - timedelta(days=30)
    AccessAttempt.objects.create(username="spare", ip_address="10.0.0.1", failures_since_start=1)
    AccessLog.objects.create(username="spare", ip_address="10.0.0.1")
    AccessFailureLog.objects.create(username="spare", ip_address="10.0.0.1")
    Area.objects.create(code="E06000001", name="Hartlepool", level="utla")
    source = Source.objects.create(
        slug="probe-source", location="/nowhere", next_check_at=timezone.now() + timedelta(days=9)
    )
    release = Release.objects.create(
        source=source, sha256="0" * 64, status="accepted", release_date=timezone.localdate()
    )
    indicator = Indicator.objects.create(source=source, name="Probe indicator")
    Observation.objects.create(
        indicator=indicator,
        area_code="E06000001",
        period="2024",
        value=1,
        release=release,
        period_start=date(2024, 1, 1),
        period_months=12,
    )
    draft = Report.objects.create(
        series="draft", title="Draft", as_of=timezone.localdate(), snapshot={}, created_by=users["Analyst"]
    )
    Report.objects.create(
        series="approved",
        title="Approved",
        as_of=timezone.localdate(),
        snapshot={},
        created_by=users["Analyst"],
        status="approved",
        approved_by=users["Approver"],
    )
    Report.objects.create(
        series="due",
        title="Due",
        as_of=timezone.localdate(),
        snapshot={},
        created_by=users["Analyst"],
        status="scheduled",
        scheduled_for=long_ago,
    )
    PreReleaseAccess.objects.create(report=draft, user=users["Analyst"], path="/staff/reports/1/report.html")
    return {"users": {role: u.pk for role, u in users.items()}, "spare": spare.pk, "draft": draft.pk}


def pick(model, world):
    """The object each model's probes act on."""
    label = model._meta.label
    if label == "auth.User":
        return world["spare"]
    if label == "reports.Report":
        return world["draft"]
    return model._default_manager.order_by("pk").first()


def list_probes(client, world) -> list[Probe]:
    """Every POST the admin accepts, with the data an Administrator would send."""
    request = RequestFactory().get("/admin/")
    request.user = world["users"]["Administrator"]
    probes = []
    for model, model_admin in admin.site._registry.items():
        opts, obj = model._meta, pick(model, world)
        base, name = f"/admin/{opts.app_label}/{opts.model_name}/", opts.object_name
        change = f"{base}{obj.pk}/change/"
        probes += [
            Probe(f"add {name}", f"{base}add/", _perm(opts, "add"), _add_data(client, change, name, obj)),
            Probe(f"change {name}", change, _perm(opts, "change"), form_data(client, change)),
            Probe(f"delete {name}", f"{base}{obj.pk}/delete/", _perm(opts, "delete"), {"post": "yes"}),
        ]
        if hasattr(model, "history"):
            hid = model.history.filter(id=obj.pk).earliest("history_date").history_id
            url = f"{base}{obj.pk}/history/{hid}/"
            probes.append(Probe(f"history {name}", url, _perm(opts, "change"), form_data(client, url)))
        for action, (func, _, _) in model_admin.get_actions(request).items():
            # Workflow actions get every row (a draft to approve, an approved report to schedule); deletes get one.
            rows = (
                [obj.pk] if action == "delete_selected" else list(model._default_manager.values_list("pk", flat=True))
            )
            data = {"action": action, "_selected_action": rows, "index": 0, "post": "yes"}
            probes.append(Probe(f"action {action} on {name}", base, _action_perm(opts, action, func), data))
        probes += custom_probes(model_admin, base, obj)
    return probes


def _add_data(client, change_url: str, name: str, obj) -> dict:
    data = form_data(client, change_url, for_add=True) | ADD_DATA.get(name, {})
    fixed = FIXED_AFTER_CREATION.get(obj._meta.model_name, ()) if obj._meta.app_label == "missions" else ()
    for name_ in fixed:  # read-only on the change page, so not in its form: copied from the object (new key)
        value = getattr(obj, obj._meta.get_field(name_).attname)
        data[name_] = [f"{value}{MARK}" if name_ in ("slug", "key") else value]
    return data


def _perm(opts, action: str) -> str:
    return f"{opts.app_label}.{action}_{opts.model_name}"


def _action_perm(opts, action: str, func) -> str:
    """The permission an action needs: declared on it, or checked by the service it calls; else no role has it."""
    if action in ACTION_PERMS:
        return ACTION_PERMS[action]
    allowed = getattr(func, "allowed_permissions", ())
    return _perm(opts, sorted(allowed)[0]) if allowed else "undeclared.permission"


def custom_probes(model_admin, base, obj) -> list[Probe]:
    info = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_"
    custom = {p.name for p in model_admin.get_urls() if p.name and p.name.removeprefix(info) not in STANDARD_URLS}
    assert custom <= set(CUSTOM_URLS), f"admin views this test does not probe: {custom - set(CUSTOM_URLS)}"
    password = "a-brand-new-passphrase-7"
    urls = {
        "missions_source_enter": (
            f"{base}enter-data/",
            {"source": "probe-manual", "citation": "A press release", "release_date": "2024-01-26"},
        ),
        "missions_release_review": (f"{base}{obj.pk}/review/", {"decision": "reject", "reason": "Probe"}),
        "missions_release_confirm": (f"{base}{obj.pk}/confirm/", {"decision": "confirm"}),
        "otp_totp_totpdevice_config": (f"{base}{obj.pk}/config/", {}),
        "otp_totp_totpdevice_qrcode": (f"{base}{obj.pk}/qrcode/", {}),
        "auth_user_password_change": (
            f"{base}{obj.pk}/password/",
            {"password1": password, "password2": password, "usable_password": "true"},
        ),
    }
    return [Probe(f"custom {n}", urls[n][0], CUSTOM_URLS[n], urls[n][1], n == "missions_source_enter") for n in custom]


def snapshot() -> dict:
    """Every row of every table but the sessions: on PostgreSQL a checksum of each table's rows, taken in one query
    (the probes take hundreds of snapshots); elsewhere the rows themselves, as plain values."""
    models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.label != "sessions.Session" and not m._meta.proxy
    ]
    if connection.vendor == "postgresql":
        parts = [
            f"SELECT %s, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {qn(m._meta.db_table)} t"
            for m in models
        ]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), [m._meta.label for m in models])
            return dict(cursor.fetchall())
    rows = {}
    for model in models:
        values = model._base_manager.order_by("pk").values_list()
        rows[model._meta.label] = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in values]
    return rows


def sign_in(client, user) -> None:
    """Sign in, then leave an expired failed attempt (signing in clears those) for the clean-up action to find."""
    from axes.models import AccessAttempt

    client.force_login(user)
    expired = AccessAttempt.objects.create(username="old", ip_address="10.0.0.2", failures_since_start=1)
    AccessAttempt.objects.filter(pk=expired.pk).update(attempt_time=timezone.now() - timedelta(days=30))


def post(client, probe: Probe):
    data = dict(probe.data)
    if probe.upload:
        data["file"] = SimpleUploadedFile("data.csv", CSV.encode(), content_type="text/csv")
    return client.post(probe.url, data)


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


_probes: list[Probe] = []  # listed once per test process: the world, and so every probe, is the same in each test


@pytest.fixture
def probes(world, client):
    if not _probes or connection.vendor != "postgresql":  # elsewhere the world is created afresh, with new ids
        client.force_login(world["users"]["Administrator"])
        _probes[:] = list_probes(client, world)
        client.logout()
    return _probes


@pytest.mark.parametrize("role", [r for r in ROLES if r != "Administrator"])
def test_no_admin_post_changes_anything_for_a_role_without_its_permission(world, probes, client, role):
    user = world["users"][role]
    sign_in(client, user)
    refused = [p for p in probes if not user.has_perm(p.perm)]
    assert len(refused) > 20 if role == "Auditor" else refused
    changes, before = [], snapshot()
    for probe in refused:
        response = post(client, probe)
        after = snapshot()
        if before != after:
            changes.append((probe.name, response.status_code, changed_tables(before, after)))
        before = after
    assert changes == []


def test_every_probe_changes_the_database_when_the_administrator_makes_it(world, probes, client):
    """The probes are real: the same POSTs, made by someone allowed to, do change data."""
    idle = []
    for probe in probes:
        with transaction.atomic():
            sign_in(client, world["users"]["Administrator"])  # inside: a probe may change the session's user
            before = snapshot()
            response = post(client, probe)
            if snapshot() == before and probe.name not in INERT:
                idle.append((probe.name, response.status_code))
            transaction.set_rollback(True)
    assert idle == []


@pytest.mark.parametrize("role", ["Auditor", "Administrator"])
def test_no_one_reads_a_stored_totp_secret_in_the_admin(world, client, role):
    device = world["spare"].totpdevice_set.get()
    client.force_login(world["users"][role])
    for page in ("config", "qrcode"):
        assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{page}/").status_code == 403
    change = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert change.status_code == (200 if role == "Administrator" else 403)
    assert device.key not in change.content.decode()
