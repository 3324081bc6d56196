"""The database still guards every observation's indicator, release and replacing release, once per statement
(migrations 0010, 0018)."""

from datetime import date

import pyarrow as pa
import pytest
from django.db import DatabaseError, connection, transaction

from missions.models import Indicator, Observation, Release, Source
from missions.services.revisions import STAGED, load_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored():
    source = Source.objects.create(slug="s")
    indicator = Indicator.objects.create(source=source, name="Pay")
    release = Release.objects.create(
        source=source, release_date=date(2025, 1, 1), location="x", sha256="a", status=Release.Status.ACCEPTED
    )
    row = Observation.objects.create(
        indicator=indicator,
        area_code="E06000001",
        period="2019",
        period_start=date(2019, 1, 1),
        period_months=12,
        value=1.0,
        release=release,
    )
    return indicator, release, row


def _refused(sql, params=()):
    with pytest.raises(DatabaseError, match="does not exist|cannot be deleted"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_an_observation_of_a_release_that_does_not_exist_is_refused(stored):
    indicator, release, _ = stored
    _refused(
        "INSERT INTO missions_observation (indicator_id, area_code, period, period_start, period_months, status, "
        "note, release_id) VALUES (%s, 'E06000002', '2019', '2019-01-01', 12, '', '', %s)",
        [indicator.id, release.id + 1000],
    )


def test_an_observation_moved_to_an_indicator_that_does_not_exist_is_refused(stored):
    _, _, row = stored
    _refused("UPDATE missions_observation SET indicator_id = indicator_id + 1000 WHERE id = %s", [row.id])


@pytest.mark.parametrize("table", ["missions_release", "missions_indicator"])
def test_a_release_or_indicator_with_observations_cannot_be_deleted_even_in_raw_sql(stored, table):
    indicator, release, _ = stored
    _refused(f"DELETE FROM {table} WHERE id = %s", [release.id if table == "missions_release" else indicator.id])


def test_a_value_replaced_by_a_release_that_does_not_exist_is_refused(stored):
    _, release, row = stored
    _refused("UPDATE missions_observation SET superseded_by_id = %s WHERE id = %s", [release.id + 1000, row.id])
    Observation.objects.filter(pk=row.pk).update(superseded_by=release)  # an existing release may replace it
    assert Observation.objects.get(pk=row.pk).superseded_by_id == release.id


def test_a_release_that_replaced_values_cannot_be_deleted_even_in_raw_sql(stored):
    indicator, release, row = stored
    later = Release.objects.create(
        source=release.source, release_date=date(2025, 6, 1), location="x", sha256="b", status=Release.Status.ACCEPTED
    )
    Observation.objects.filter(pk=row.pk).update(superseded_by=later)
    _refused("DELETE FROM missions_release WHERE id = %s", [later.id])
    assert Release.objects.filter(pk=later.pk).exists()


def test_a_bulk_load_with_one_bad_reference_stores_nothing(stored):
    indicator, release, _ = stored
    values = [indicator.id, "E06000002", "2020", "2020-01-01", 12, 2.0, None, None, "", "", release.id + 1000]
    rows = pa.table({name: [value] for name, value in zip([*STAGED, "release_id"], values, strict=True)})
    with pytest.raises(DatabaseError, match="does not exist"), transaction.atomic():
        load_rows("missions_observation", [*STAGED, "release_id"], rows)
    assert Observation.objects.count() == 1
