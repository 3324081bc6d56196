"""Manual data entry: validated by the ingestion rules, stored as a cited release, audited, refused with reasons."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from missions.models import Observation, Release
from missions.services.manual import enter_data
from missions.services.review import confirm_release

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


@pytest.fixture
def approver(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username="second", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name="Approver"))
    return django_user_model.objects.get(pk=user.pk)


def _enter(user, csv_text=GOOD):
    return enter_data(
        user=user,
        source_slug="devolution-deals",
        csv_bytes=csv_text.encode(),
        citation=CITATION,
        release_date=date(2024, 1, 26),
    )


def test_a_valid_upload_becomes_a_cited_audited_release_once_a_second_person_confirms_it(analyst, approver):
    outcome = _enter(analyst)
    release = Release.objects.get(pk=outcome.release_id)
    assert (release.status, release.citation, release.entered_by) == ("pending", CITATION, analyst)
    assert release.source.connector == "manual"
    assert not Observation.objects.exists()
    confirm_release(release=release, user=approver)
    release.refresh_from_db()
    assert (release.status, release.confirmed_by) == ("accepted", approver)
    assert Observation.objects.get(area_code="E92000001").value == 60


def test_the_person_who_entered_data_cannot_confirm_it(analyst, django_user_model):
    from django.contrib.auth.models import Group

    analyst.groups.add(Group.objects.get(name="Approver"))
    analyst = django_user_model.objects.get(pk=analyst.pk)
    release = Release.objects.get(pk=_enter(analyst).release_id)
    with pytest.raises(PermissionDenied, match="second person"):
        confirm_release(release=release, user=analyst)
    assert not Observation.objects.exists()


def test_an_upload_above_the_size_cap_is_refused_before_it_is_read(analyst, settings):
    settings.MANUAL_ENTRY_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="limited to 100 bytes"):
        _enter(analyst, GOOD + "E92000001,England,Nation,Devolution deal coverage,2023-01,50,,,,,,\n")
    assert not Release.objects.exists()


def test_an_upload_whose_area_codes_are_mostly_unknown_is_refused(analyst, shared_data):
    from missions.services.areas import load_areas

    load_areas(directory=shared_data / "geography")
    rows = "".join(f"E06{n:06d},Nowhere,UA,Devolution deal coverage,2024-01,{n},,,,,,\n" for n in range(900, 903))
    with pytest.raises(ValidationError, match="3 of 4 rows have area codes not in the geography list"):
        _enter(analyst, GOOD + rows)
    assert not Release.objects.exists()


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
