import pytest
from django.contrib.auth.models import Permission

from missions.services.catalogue import load_catalogue
from missions.services.ingest import ingest_source, register_source


def make_user(django_user_model, name: str, *perms: str, staff: bool = True):
    user = django_user_model.objects.create_user(username=name, password="a-long-test-password", is_staff=staff)
    for perm in perms:
        user.user_permissions.add(Permission.objects.get(codename=perm))
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def people(django_user_model):
    return {
        "analyst": make_user(django_user_model, "analyst", "add_report"),
        "approver": make_user(django_user_model, "approver", "approve_report"),
        "publisher": make_user(django_user_model, "publisher", "schedule_report"),
        "nobody": make_user(django_user_model, "nobody"),
    }


@pytest.fixture
def hle_data(shared_data):
    load_catalogue()
    slug = "healthy-life-expectancy"
    ingest_source(source=register_source(slug=slug), location=str(shared_data / "ons-els" / slug))
