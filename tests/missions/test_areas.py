import csv

import pytest

from missions.models import Area
from missions.services.areas import load_areas

pytestmark = pytest.mark.django_db


def test_every_code_in_areas_csv_is_loaded_with_its_years_in_use(shared_data):
    geo = shared_data / "geography"
    load_areas(directory=geo)
    with (geo / "areas.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    stored = {a.code: a for a in Area.objects.all()}
    assert set(stored) == {r["areacd"] for r in rows}
    for row in rows:
        assert stored[row["areacd"]].first_year == (int(row["start"][:4]) if row["start"] else None)
        assert stored[row["areacd"]].last_year == (int(row["end"][:4]) if row["end"] else None)


def test_local_authorities_get_their_region_and_country(shared_data):
    load_areas(directory=shared_data / "geography")
    leeds = Area.objects.get(code="E08000035")
    assert leeds.parent.code == "E12000003"
    assert leeds.country.code == "E92000001"
    assert Area.objects.get(code="S12000036").parent.code == "S92000003"


def test_loading_areas_twice_changes_nothing(shared_data):
    load_areas(directory=shared_data / "geography")
    result = load_areas(directory=shared_data / "geography")
    assert sum(result.created.values()) == 0
    assert Area.objects.count() == sum(result.unchanged.values())


def test_a_retired_code_is_marked_retired(tmp_path):
    rows = ["areacd,areanm,start,end", "E10000006,Cumbria,,2022", "E06000063,Cumberland,2023,"]
    (tmp_path / "areas.csv").write_text("\n".join(rows) + "\n")
    load_areas(directory=tmp_path)
    assert Area.objects.get(code="E10000006").is_retired
    assert not Area.objects.get(code="E06000063").is_retired
    assert Area.objects.get(code="E06000063").level == "Unitary authority"
