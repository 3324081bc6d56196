"""Snapshot entries for the pure report tests, built as the service builds them: a real rule's result through
missions.entries.build_entry, so their shape can never drift from what reports read."""

from datetime import date

from missions.entries import EntryMetric, EntryTarget, build_entry
from missions.progress import Point, assess_gap, assess_quantified

HLE = EntryMetric(slug="hle", name="Healthy life expectancy", unit="years", sources=("healthy-life-expectancy",))
AS_OF = date(2026, 6, 30)


def quantified_entry(*, breakdown: str = "Male"):
    """Healthy life expectancy for men, 60.0 (2017) to 61.9 (2021) with 95% intervals of 0.3, target +5 by 2030."""
    values = [60.0, 60.5, 61.0, 61.2, 61.9]
    points = [Point(str(2017 + i), 2017.5 + i, v, v - 0.3, v + 0.3) for i, v in enumerate(values)]
    result = assess_quantified(
        points=points,
        baseline_period="2017",
        target_value=5.0,
        value_kind="increase_over_baseline",
        target_time=2030.5,
        polarity="higher",
    )
    projection = result.figures["projection"]
    target = EntryTarget(
        key="change",
        type="change",
        label="Change 5",
        title="Raise healthy life expectancy for men by five years by 2035",
        snapshot={"value": "5.0000", "target_year": 2030},
    )
    return build_entry(
        metric=HLE,
        target=target,
        result=result.as_dict(),
        as_of=AS_OF,
        breakdown=breakdown,
        probability=projection["probability_of_meeting_target"],
    )


def gap_entry():
    """The gap between the top and bottom 10% of ten areas, 8.0 (2017 to 2019) to 9.0 (2022 to 2024): widened."""
    codes = [f"E0600000{i}" for i in range(10)]
    ends = {"2017-01/P3Y": [51 + i * 8 / 9 for i in range(10)], "2022-01/P3Y": [50.0 + i for i in range(10)]}
    times = {"2017-01/P3Y": 2018.5, "2022-01/P3Y": 2023.5}
    sections = {
        period: {
            c: Point(period, times[period], v, v - 0.1, v + 0.1, months=36) for c, v in zip(codes, values, strict=True)
        }
        for period, values in ends.items()
    }
    result = assess_gap(sections=sections, times=times, baseline_period="2017-01/P3Y")
    target = EntryTarget(
        key="gap",
        type="gap_narrows",
        label="Gap narrows",
        title="Narrow the gap in healthy life expectancy between the highest and lowest areas by 2030",
    )
    return build_entry(metric=HLE, target=target, result=result.as_dict(), as_of=AS_OF)
