"""Method version 2 on the bundled real data: the cases the review named, against version 1."""

from datetime import date

import pandas as pd
import pytest
from django.core.management import call_command

from missions.findings import write_finding
from missions.models import Assessment, Methodology, Target
from missions.progress import METHOD_V1, METHOD_V2, Status, assess_quantified
from missions.selectors.catalogue import get_indicator_ids
from missions.selectors.progress import assessment_entry, list_assessments
from missions.selectors.series import get_metric_data
from missions.services.assess import recompute_assessments
from missions.services.catalogue import load_catalogue
from missions.services.ingest import ingest_source, register_source

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 6, 30)


def ingest(shared_data, *slugs):
    load_catalogue()
    for slug in slugs:
        ingest_source(source=register_source(slug=slug), location=str(shared_data / "ons-els" / slug))


def both(metric: str, key: str, breakdown: str = "") -> tuple[Assessment, Assessment]:
    for method in (METHOD_V1, METHOD_V2):
        recompute_assessments(as_of=AS_OF, metric_slugs=[metric], method=method)
    found = Assessment.objects.filter(target__metric__slug=metric, target__key=key, breakdown=breakdown, as_of=AS_OF)
    return found.get(methodology__version=1), found.get(methodology__version=2)


def test_the_median_pay_gap_narrows_relatively_under_version_2(shared_data):
    ingest(shared_data, "gross-median-weekly-pay")
    v1, v2 = both("gross-median-weekly-pay", "gap_narrows")
    assert v1.status == Status.WORSENING
    gap = v1.result["figures"]
    assert (round(gap["baseline"]["gap"], 1), round(gap["latest"]["gap"], 1)) == (239.3, 271.9)
    judged, test = v2.result["figures"]["judged"], v2.result["figures"]["test"]
    assert judged["measure"] == "ratio" and (round(judged["baseline"], 3), round(judged["latest"], 3)) == (1.608, 1.493)
    assert v2.status == Status.IMPROVING and test["interval_95"][1] < 0
    assert (test["draws"], test["seed"]) == (1000, METHOD_V2.resample_seed)
    assert round(v2.result["figures"]["latest"]["gap"], 1) == 271.9  # the absolute gap is still shown
    written = write_finding(assessment_entry(v2))
    finding = " ".join(written.sentences)
    assert written.headline.startswith("Measured relative to their level")  # the headline agrees with the status
    assert "was 1.61 times the lowest's in " in finding and " and 1.49 times in " in finding
    assert "areas widened from £239" in finding and "The gap relative to the level has clearly narrowed." in finding


def test_employment_every_area_counts_only_clear_changes_and_names_them(shared_data):
    ingest(shared_data, "employment-rate", "employment-rate-ni")
    v1, v2 = both("employment-rate-16-64", "every_area_improves")
    assert v1.status == Status.WORSENING  # more than half of the point estimates fell
    figures = v2.result["figures"]
    counts, groups = figures["counts"], figures["areas_by_change"]
    assert sum(counts.values()) == figures["areas"]
    assert counts["clearly_better"] == len(groups["clearly_better"]) > 0
    assert counts["clearly_worse"] == len(groups["clearly_worse"]) > 0
    assert counts["no_clear_change"] > figures["areas"] / 2
    assert v2.status == Status.NO_CLEAR_CHANGE and "clearly worse" in v2.reason


def test_gigabit_coverage_is_projected_below_100_percent_under_version_2(shared_data):
    load_catalogue()
    source = register_source(slug="gigabit-capable-broadband")
    for folder in sorted((shared_data / "ons-els-vintages").glob("*/gigabit-capable-broadband")):
        ingest_source(source=source, location=str(folder), release_date=date.fromisoformat(folder.parent.name))
    ingest_source(source=source, location=str(shared_data / "ons-els" / "gigabit-capable-broadband"))
    v1, v2 = both("gigabit-capable-premises", "coverage")
    old, new = v1.result["figures"]["projection"], v2.result["figures"]["projection"]
    assert old["projected_value"] > 100 and old["probability_of_meeting_target"] > 0.95
    assert new["scale"] == "logit" and new["projected_value"] <= 100
    assert all(row["q90"] <= 100 for row in new["fan"])
    assert new["probability_of_meeting_target"] < old["probability_of_meeting_target"]
    assert v1.status == Status.ON_TRACK and v2.status == Status.ACCELERATION_NEEDED  # R 1.58 -> 0.67 on the logit scale
    assert v2.result["figures"]["ratio_basis"] == "linear rates on the logit scale (a percentage)"
    finding = " ".join(write_finding(assessment_entry(v2)).sentences)
    assert "progress is 0.67 times the pace needed" in finding and "(probability below 1%)" in finding


def test_business_rd_outside_the_greater_south_east_is_summed_from_the_regions(shared_data):
    ingest(shared_data, "research-and-development-business")
    v1, v2 = both("business-rd-outside-gse", "monitor")
    frame = pd.read_csv(
        shared_data / "ons-els" / "research-and-development-business" / "research-and-development-business.csv"
    )
    regions = frame[frame["areacd"].str[:3].isin(["E12", "W92", "S92", "N92"])]
    outside = regions[~regions["areacd"].isin(["E12000006", "E12000007", "E12000008"])]
    expected = outside.groupby("period")["observation"].sum().sort_index().tolist()
    assert [p["value"] for p in v2.result["inputs"]["points"]] == pytest.approx(expected)
    uk = frame[frame["areacd"] == "K02000001"].sort_values("period")["observation"].tolist()
    assert [p["value"] for p in v1.result["inputs"]["points"]] == pytest.approx(uk)  # v1 read the UK total
    assert v2.result["inputs"]["series_of"].startswith("sum of E12")


def test_hle_targets_read_2035_as_the_period_2033_to_2035_and_withhold_an_overconfident_projection(shared_data):
    ingest(shared_data, "healthy-life-expectancy")
    v1, v2 = both("healthy-life-expectancy", "change", "Female")
    assert (v1.result["inputs"]["target_time"], v2.result["inputs"]["target_time"]) == (2035.5, 2034.5)
    assert v1.result["figures"]["projection"]["available"]
    projection = v2.result["figures"]["projection"]
    assert not projection["available"] and projection["effective_points"] == pytest.approx(8 / 3, abs=1e-6)


def test_female_hle_in_the_2024_vintage_is_not_on_track_on_overlapping_intervals(shared_data):
    load_catalogue()
    folder = shared_data / "ons-els-vintages" / "2024-12-19" / "healthy-life-expectancy"
    ingest_source(source=register_source(slug="healthy-life-expectancy"), location=str(folder))
    target = Target.objects.get(metric__slug="healthy-life-expectancy", key="change")
    data = get_metric_data(indicator_ids=get_indicator_ids(metric=target.metric)["Female"], as_of=None)
    england = [p for p in data.series_for("E92000001") if p.period <= "2018-01/P3Y" and p.period >= "2017"]
    assert [(p.value, p.lci, p.uci) for p in england] == [(63.73, 63.52, 63.95), (64.04, 63.81, 64.26)]
    args = {"points": england, "baseline_period": "2017-01/P3Y", "target_value": 5.0}
    args |= {"value_kind": "increase_over_baseline", "target_time": 2035.5, "polarity": "higher"}
    v1, v2 = assess_quantified(**args), assess_quantified(**args, method=METHOD_V2)
    assert v1.status == Status.ON_TRACK
    assert v2.status == Status.NO_CLEAR_CHANGE and v2.figures["ratio"] == v1.figures["ratio"]


def test_both_versions_are_stored_and_the_pages_show_the_newest(shared_data, client):
    ingest(shared_data, "healthy-life-expectancy")
    call_command("assess", "--as-of", "2026-06-30", "--method", "1")
    call_command("assess", "--as-of", "2026-06-30")
    assert set(Methodology.objects.values_list("version", flat=True)) == {1, 2}
    shown = list_assessments(as_of=AS_OF)
    assert {a.methodology.version for a in shown} == {2} and shown.count() == Target.objects.count() + 2
    api = client.get("/api/assessments/", {"as_of": AS_OF, "methodology__version": 1}).json()
    assert api["count"] == shown.count() and {row["method_version"] for row in api["results"]} == {1}
    page = client.get("/missions/health/").content.decode()
    assert "method version 2" in page
    compare = client.get("/methodology/compare/").content.decode()
    assert "healthy-life-expectancy" in compare and "the target year is read as the multi-year period" in compare
    methodology = client.get("/methodology/").content.decode()
    assert "What changed from version 1, and why" in methodology and "Version 1" in methodology


def test_the_compare_command_lists_every_target_with_both_statuses(shared_data, capsys):
    ingest(shared_data, "gross-median-weekly-pay")
    call_command("assess", "--as-of", "2026-06-30", "--method", "1")
    call_command("assess", "--as-of", "2026-06-30", "--method", "2")
    capsys.readouterr()
    call_command("compare_methods", "--figures")
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("gross-median-weekly-pay [gap_narrows]"))
    assert "Worsening" in row and "Improving" in row and "ratio of group means" in row
    assert "ratio 1.608 to 1.493" in out
    assert out.strip().endswith("statuses differ (marked *).")
