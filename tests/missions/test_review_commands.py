"""The command twins of manual entry and release review act as a named user, through the admin's services."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from missions.models import Observation, Release

pytestmark = pytest.mark.django_db
CITATION = "DLUHC press release, 26 January 2024"


@pytest.fixture
def users(django_user_model):
    made = {}
    for name, role in (("analyst", "Analyst"), ("approver", "Approver"), ("auditor", "Auditor")):
        user = django_user_model.objects.create_user(username=name, password="a-long-test-password", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        made[name] = user
    return made


def _enter(path: Path, username: str):
    call_command("enter_data", str(path), "--citation", CITATION, "--release-date", "2024-01-26", "--as", username)


def test_enter_data_stores_a_pending_cited_release_that_confirm_release_makes_current(shared_data, users):
    path = shared_data / "manual" / "devolution-deal-population-coverage.csv"
    _enter(path, "analyst")
    release = Release.objects.get(source__slug="devolution-deal-population-coverage")
    assert (release.status, release.entered_by.username, release.citation) == ("pending", "analyst", CITATION)
    with pytest.raises(CommandError, match="analyst may not confirm"):
        call_command("confirm_release", source=release.source.slug, username="analyst")
    call_command("confirm_release", source=release.source.slug, username="approver")
    values = dict(Observation.objects.values_list("period", "value"))
    assert values == {"2022-02": 41.0, "2024-01": 60.0}
    _enter(path, "analyst")  # the same file again changes nothing
    assert Release.objects.filter(source__slug="devolution-deal-population-coverage").count() == 1
    call_command("confirm_release", source=release.source.slug, username="approver", if_present=True)


def test_enter_data_refuses_a_user_without_the_role_and_a_missing_file(shared_data, users, tmp_path):
    with pytest.raises(CommandError, match="auditor may not"):
        _enter(shared_data / "manual" / "devolution-deal-population-coverage.csv", "auditor")
    with pytest.raises(CommandError, match="no file"):
        _enter(tmp_path / "absent.csv", "analyst")
    with pytest.raises(CommandError, match="no user"):
        _enter(shared_data / "manual" / "devolution-deal-population-coverage.csv", "ghost")
    assert not Release.objects.exists()


def test_review_release_accepts_only_when_holding_back_is_said_out_loud(users):
    with pytest.raises(CommandError, match="--hold-back"):
        call_command("review_release", source="x", accept=True, reason="r", username="analyst")
    with pytest.raises(CommandError, match="no quarantined release"):
        call_command("review_release", source="x", accept=True, hold_back=True, reason="r", username="analyst")
