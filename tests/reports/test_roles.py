"""The roles as groups: two-factor devices (TOTP secrets) belong to the Administrator role alone."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from reports.roles import ROLES

pytestmark = pytest.mark.django_db


def otp_permissions(group: Group) -> set[str]:
    return set(group.permissions.filter(content_type__app_label__startswith="otp_").values_list("codename", flat=True))


@pytest.mark.parametrize("role", [r for r in ROLES if r != "Administrator"])
def test_no_role_but_the_administrator_holds_a_two_factor_permission(role):
    assert otp_permissions(Group.objects.get(name=role)) == set()


def test_the_administrator_manages_two_factor_devices():
    assert "change_totpdevice" in otp_permissions(Group.objects.get(name="Administrator"))


def test_the_migration_takes_two_factor_permissions_out_of_existing_groups():
    auditor = Group.objects.get(name="Auditor")
    auditor.permissions.add(*Permission.objects.filter(content_type__app_label="otp_totp"))  # as 0004 left it
    assert "view_totpdevice" in otp_permissions(auditor)
    importlib.import_module("reports.migrations.0006_roles_without_otp").forwards(apps, None)
    assert otp_permissions(auditor) == set()
    assert auditor.permissions.filter(codename="view_target").exists()
