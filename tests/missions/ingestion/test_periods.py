from datetime import date

import pytest

from missions.ingestion.periods import PeriodError, parse_period, period_from_key


@pytest.mark.parametrize(
    ("text", "key", "start", "months"),
    [
        ("2019-01-01/P1Y", "2019-01", date(2019, 1, 1), 12),
        ("2011-01-01T00:00:00/P3Y", "2011-01/P3Y", date(2011, 1, 1), 36),
        ("2011-01-01/P3Y", "2011-01/P3Y", date(2011, 1, 1), 36),
        ("2019-01-01/P5Y", "2019-01/P5Y", date(2019, 1, 1), 60),
        ("2023-07-01/P1M", "2023-07/P1M", date(2023, 7, 1), 1),
        ("2025-04-30", "2025-04", date(2025, 4, 1), 0),
        ("2008-04", "2008-04", date(2008, 4, 1), 0),
        ("1998", "1998-01", date(1998, 1, 1), 12),
        (" 2018-09-01T00:00:00/P1Y ", "2018-09", date(2018, 9, 1), 12),
    ],
)
def test_every_ons_els_encoding_parses_to_its_canonical_key(text, key, start, months):
    period = parse_period(text)
    assert (period.key, period.start, period.months) == (key, start, months)


@pytest.mark.parametrize("texts", [("2024-04", "2024-04-15/P1Y", "2024-04-17"), ("2025-01", "2025-01-15")])
def test_one_reference_period_written_three_ways_has_one_key(texts):
    assert len({parse_period(t).key for t in texts}) == 1


@pytest.mark.parametrize("text", ["", "April 2024", "2024-13", "2024/25", "2019-01-01/P1W", "20190101"])
def test_unreadable_periods_are_refused(text):
    with pytest.raises(PeriodError):
        parse_period(text)


@pytest.mark.parametrize(
    ("key", "label", "midpoint"),
    [("2019-01", "2019", 2019.5), ("2018-09", "2018/19", 2019.1666), ("2017-01/P3Y", "2017-2019", 2018.5)],
)
def test_keys_round_trip_with_labels_and_midpoints(key, label, midpoint):
    period = period_from_key(key)
    assert period.key == key
    assert period.label == label
    assert period.midpoint == pytest.approx(midpoint, abs=1e-3)
