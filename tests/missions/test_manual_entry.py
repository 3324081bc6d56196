"""Manual data entry: validated by the ingestion rules, stored as a cited release, audited, refused with reasons."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from missions.models import Observation, Release
from missions.services.manual import enter_data

pytestmark = pytest.mark.django_db
HEADER = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes\n"
GOOD = HEADER + "E92000001,England,Nation,Devolution deal coverage,2024-01,60,,,,,,\n"
CITATION = "DLUHC press release, 26 January 2024"


@pytest.fixture
def analyst(people, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username="entry", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name="Analyst"))
    return django_user_model.objects.get(pk=user.pk)


def test_a_valid_upload_becomes_a_cited_audited_release(analyst):
    outcome = enter_data(
        user=analyst,
        source_slug="devolution-deals",
        csv_bytes=GOOD.encode(),
        citation=CITATION,
        release_date=date(2024, 1, 26),
    )
    release = Release.objects.get(pk=outcome.release_id)
    assert (release.status, release.citation, release.entered_by) == ("accepted", CITATION, analyst)
    assert release.source.connector == "manual"
    assert Observation.objects.get(area_code="E92000001").value == 60


@pytest.mark.parametrize(
    ("csv_text", "reason"),
    [
        (GOOD.replace(",60,", ",sixty,"), "not a number"),
        (GOOD.replace("E92000001", "England1"), "not a GSS area code"),
        (GOOD + GOOD.splitlines()[1].replace(",60,", ",61,") + "\n", "duplicate"),
        ("a,b\n1,2\n", "required column"),
    ],
)
def test_bad_values_are_refused_with_the_reason_and_change_nothing(analyst, csv_text, reason):
    enter_data(
        user=analyst,
        source_slug="devolution-deals",
        csv_bytes=GOOD.encode(),
        citation=CITATION,
        release_date=date(2024, 1, 26),
    )
    before = list(Observation.objects.values_list("id", "value", "superseded_by"))
    outcome = enter_data(
        user=analyst,
        source_slug="devolution-deals",
        csv_bytes=csv_text.encode(),
        citation=CITATION,
        release_date=date(2024, 6, 1),
    )
    assert outcome.status == "quarantined" and reason in outcome.message
    assert list(Observation.objects.values_list("id", "value", "superseded_by")) == before


def test_an_entry_needs_a_citation_and_the_right_role(analyst, people):
    with pytest.raises(ValidationError, match="citation"):
        enter_data(user=analyst, source_slug="x", csv_bytes=GOOD.encode(), citation=" ", release_date=date(2024, 1, 1))
    with pytest.raises(PermissionDenied):
        enter_data(
            user=people["approver"],
            source_slug="x",
            csv_bytes=GOOD.encode(),
            citation=CITATION,
            release_date=date(2024, 1, 1),
        )
