from datetime import date

import pytest

from missions.ingestion.periods import (
    PeriodError,
    label_periods_in,
    parse_period,
    period_from_key,
    period_label,
    period_type_of,
)


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
    [("2019-01", "2019", 2019.5), ("2018-09", "2018/19", 2019.1666), ("2017-01/P3Y", "2017 to 2019", 2018.5)],
)
def test_keys_round_trip_with_labels_and_midpoints(key, label, midpoint):
    period = period_from_key(key)
    assert period.key == key
    assert period.label == label
    assert period.midpoint == pytest.approx(midpoint, abs=1e-3)


@pytest.mark.parametrize(
    ("key", "period_type", "label"),
    [
        ("2017-01/P3Y", None, "2017 to 2019"),
        ("2017-01/P3Y", "calendar_year", "2017 to 2019"),
        ("2017-04/P3Y", "financial_year", "2017/18 to 2019/20"),
        ("2019-01/P5Y", None, "2019 to 2023"),
        ("2019-01", None, "2019"),
        ("2019-01", "calendar_year", "2019"),
        ("2024-04", "month", "April 2024"),
        ("2024-04", "instant", "April 2024"),
        ("2026-01", "month", "January 2026"),
        ("2023-04", "financial_year", "2023/24"),
        ("2023-08", "academic_year", "2023/24"),
        ("2018-09", "academic_year", "2018/19"),
        ("2099-04", "year", "2099/00"),
        ("2023-07/P1M", None, "July 2023"),
        ("2023-07/P1M", "calendar_year", "July 2023"),
        ("2024-01/P3M", None, "January to March 2024"),
        ("2023-10/P6M", None, "October 2023 to March 2024"),
        ("2023-12/P18M", None, "December 2023 to May 2025"),
        ("not a period", None, "not a period"),
        ("", None, ""),
    ],
)
def test_every_canonical_key_has_the_label_a_reader_expects(key, period_type, label):
    assert period_label(key, period_type=period_type) == label


@pytest.mark.parametrize(
    ("text", "period_type", "label"),
    [
        ("baseline period 2017-01/P3Y as catalogued", None, "baseline period 2017 to 2019 as catalogued"),
        ("from 2019-01 to 2022-01/P3Y.", "calendar_year", "from 2019 to 2022 to 2024."),
        ("published 2024-04-15, period 2024-04", "month", "published 2024-04-15, period April 2024"),
        ("2019-2021 and 2019-20 are not keys", None, "2019-2021 and 2019-20 are not keys"),
        ("code E06000001 and 12019-01 stay", None, "code E06000001 and 12019-01 stay"),
    ],
)
def test_period_keys_inside_sentences_are_replaced_by_labels_and_dates_are_not(text, period_type, label):
    assert label_periods_in(text, period_type=period_type) == label


@pytest.mark.parametrize(
    ("months", "start_month", "period_type"),
    [
        (0, 4, "month"),
        (1, 7, "month"),
        (12, 1, "calendar_year"),
        (12, 4, "financial_year"),
        (12, 9, "academic_year"),
        (12, 8, "academic_year"),
        (12, 11, "year"),
        (36, 1, "calendar_year"),
        (6, 1, "month"),
    ],
)
def test_a_stored_duration_and_start_month_imply_a_period_type(months, start_month, period_type):
    assert period_type_of(months=months, start_month=start_month) == period_type
