"""The share of areas in a gap's top and bottom groups is worded from the method, never a hard-coded 10%."""

from dataclasses import replace
from datetime import date

from missions.entries import EntryMetric, EntryTarget, build_entry
from missions.figures.areas import gap_chart, ranking_chart
from missions.findings import write_finding
from missions.progress import METHOD_V1, Point, assess_gap
from missions.progress.types import group_share_of

CODES = [f"E0600000{i}" for i in range(10)]
TIMES = {"2019": 2019.5, "2023": 2023.5}


def gap_entry(share: float) -> dict:
    ends = {"2019": range(1, 11), "2023": [5, 6, 3, 7, 8, 4, 6, 5, 6, 5]}
    sections = {
        period: {
            c: Point(period, TIMES[period], float(v), v - 0.1, v + 0.1) for c, v in zip(CODES, values, strict=True)
        }
        for period, values in ends.items()
    }
    result = assess_gap(
        sections=sections, times=TIMES, baseline_period="2019", method=replace(METHOD_V1, group_share=share)
    )
    return build_entry(
        metric=EntryMetric(slug="pay", name="Pay", unit="GBP per week"),
        target=EntryTarget(key="gap", type="gap_narrows", label="Gap narrows", title="Narrow the pay gap"),
        result=result.as_dict(),
        as_of=date(2026, 6, 30),
    )


def test_a_gap_judged_on_the_top_and_bottom_fifth_says_20_percent_everywhere_it_is_worded():
    entry = gap_entry(0.2)
    words = " ".join(
        [entry["summary"]["measure"], entry["explanation"], *entry["judged"], *write_finding(entry).sentences]
    )
    assert entry["summary"]["measure"] == "gap between top and bottom 20%"
    assert "top and bottom 20% of areas (2 areas each)" in words and "lowest 20% of 10 areas" in words
    assert "10%" not in words


def test_the_area_charts_mark_and_name_the_groups_by_that_share():
    entry = gap_entry(0.2)
    ranking, gap = ranking_chart(entry, {}), gap_chart(entry)
    assert set(ranking.series_labels) == {"top 20%", "bottom 20%", "other areas"}
    assert ranking.table["group"].value_counts().to_dict() == {"top 20%": 2, "bottom 20%": 2, "": 6}
    assert "top and bottom 20% of areas" in gap.alt and "10%" not in gap.alt + ranking.alt + gap.svg.decode()


def test_a_stored_result_without_its_share_takes_its_method_versions():
    assert group_share_of({"rule": "gap", "inputs": {}, "method_version": 2}) == 0.1
    assert group_share_of(gap_entry(0.2)["result"]) == 0.2


def test_a_group_of_one_area_is_worded_in_the_singular():
    words = gap_entry(0.1)["explanation"]
    assert "(1 area each)" in words and "1 areas" not in words
