from missions.figures.tables import all_tables, series_table, summary_table
from tests.reports.fixtures import gap_entry, quantified_entry


def test_the_series_table_carries_bounds_status_and_trajectory():
    table = series_table(quantified_entry())
    assert list(table.columns) == ["period", "period_label", "time", "value", "lci", "uci", "status", "trajectory"]
    assert table.loc[0, ["value", "lci", "uci", "trajectory"]].tolist() == [60.0, 59.7, 60.3, 60.0]


def test_every_table_of_a_snapshot_is_named():
    entry = quantified_entry()
    snapshot = {"missions": [{"number": 7, "short_name": "Health", "targets": [entry, gap_entry()]}], "area_names": {}}
    assert set(all_tables(snapshot)) == {"summary", "hle-change-male-series", "hle-gap-gap", "hle-gap-ranking"}
    assert summary_table({"missions": [{"number": 7, "short_name": "Health", "targets": [entry]}]}).loc[
        0, ["mission", "status", "baseline", "latest", "target_level"]
    ].tolist() == ["7. Health", "On track", 60.0, 61.9, 65.0]


def test_every_period_column_keeps_its_key_and_has_a_label_beside_it():
    entry = gap_entry()
    snapshot = {"missions": [{"number": 7, "short_name": "Health", "targets": [entry]}], "area_names": {}}
    tables = all_tables(snapshot)
    assert tables["hle-gap-gap"][["period", "period_label"]].values.tolist() == [
        ["2017-01/P3Y", "2017 to 2019"],
        ["2022-01/P3Y", "2022 to 2024"],
    ]
    summary = tables["summary"].loc[0]
    assert (summary["baseline_period"], summary["baseline_period_label"]) == ("2017-01/P3Y", "2017 to 2019")
    assert summary["target"] == entry["title"]
