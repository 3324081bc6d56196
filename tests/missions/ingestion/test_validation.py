import pytest

from missions.ingestion.ons_els import parse_folder
from missions.ingestion.validation import validate

HEADER = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes\n"


def _check(*rows: str, known=None):
    parsed = parse_folder(slug="s", csv_bytes=(HEADER + "\n".join(rows) + "\n").encode(), json_bytes=None)
    return validate(parsed, known_area_codes=known)


def test_negative_numbers_are_values_not_formulas():
    result = _check("E06000001,H,UA,Pay,2019,-1.5,,,-2,-1,,")
    assert result.ok and result.frame["value"].tolist() == [-1.5]


def test_a_clean_file_passes_with_typed_values_and_canonical_periods():
    result = _check("E06000001,H,UA,Pay,2024-04-15/P1Y,500.5,,,490,510,,", "E06000002,M,UA,Pay,2024-04,480,,,,,u,")
    assert result.ok
    assert result.frame["period"].tolist() == ["2024-04", "2024-04"]
    assert result.frame["value"].tolist() == [500.5, 480.0]
    assert result.frame["status"].tolist() == ["", "u"]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["1.5", "-2", "", "1e3", ".5"], [1.5, -2.0, None, 1000.0, 0.5]),  # clean: one strict pass
        (["1.5", " 7.25", '"1,234.5"', ""], [1.5, 7.25, 1234.5, None]),  # a space or a comma: read per text
    ],
)
def test_numbers_are_read_alike_whether_the_column_is_clean_or_not(texts, expected):
    rows = [f"E0600000{n},H,UA,Pay,{2010 + n},{t},,,,,{'' if t else 'x'}," for n, t in enumerate(texts)]
    result = _check(*rows)
    assert result.ok
    values = [None if v != v else v for v in result.frame["value"].tolist()]
    assert values == expected


def test_a_word_among_numbers_is_held_back_alone():
    result = _check("E06000001,H,UA,Pay,2019,5,,,,,,", "E06000002,H,UA,Pay,2019,five,,,,,,")
    assert [(p.column, p.lines) for p in result.errors] == [("value", (3,))]
    assert result.kept["value"].tolist() == [5.0]


@pytest.mark.parametrize(
    ("rows", "column", "reason"),
    [
        (["E06000001,H,UA,Pay,2019,abc,,,,,,"], "value", "not a number"),
        (["E06000001,H,UA,Pay,2019,inf,,,,,,"], "value", "not a finite number"),
        (["E06000001,H,UA,Pay,2019,1,,,-Infinity,2,,"], "lci", "not a finite number"),
        (["E06000001,H,UA,Pay,2019,1e400,,,,,,"], "value", "not a finite number"),
        (["E06000001,H,UA,Pay,2019,1,,,2,0,,"], "lci", "lower bound above upper bound"),
        (["E06000001,H,UA,Pay,2019,5,,,1,2,,"], "value", "outside its own 95% interval"),
        (["E06000001,H,UA,Pay,sometime,1,,,,,,"], "period", "unrecognised period"),
        (["na,H,UA,Pay,2019,1,,,,,,"], "area_code", "not a GSS area code"),
        (["E06000001,H,UA,Pay,2019,1,,,,,,", "E06000001,H,UA,Pay,2019-01-01/P1Y,2,,,,,,"], "period", "duplicate"),
        (["E06000001,H,UA,,2019,1,,,,,,"], "indicator", "blank"),
        (["E06000001,H,UA,Pay,2019,1,,,,,,=HYPERLINK(1)"], "note", "formula"),
        (["E06000001,H,UA,@SUM(A1),2019,1,,,,,,"], "indicator", "formula"),
        (["E06000001,+cmd,UA,Pay,2019,1,,,,,,"], "area_name", "formula"),
        (["E06000001,H,UA,Pay,2019,1,,,,,-1+1,"], "status", "formula"),
    ],
)
def test_each_kind_of_bad_row_is_an_error_naming_its_column_and_line(rows, column, reason):
    result = _check(*rows)
    assert not result.ok
    problem = next(p for p in result.errors if reason in p.reason)
    assert problem.column == column
    assert problem.lines and problem.lines[0] >= 2


def test_free_text_in_the_status_column_becomes_a_note():
    result = _check("E09000012,Hackney,LA,Rate,2019,1,,,,,Value for Hackney and City of London combined,")
    assert result.ok
    assert result.frame.loc[0, "status"] == ""
    assert result.frame.loc[0, "note"] == "Value for Hackney and City of London combined"


def test_status_codes_mark_blank_values_and_an_unmarked_blank_is_a_warning():
    result = _check("E06000001,H,UA,Pay,2019,,,,,,x,", "E06000002,M,UA,Pay,2019,,,,,,,")
    assert result.ok
    assert result.frame["status"].tolist() == ["x", ""]
    assert result.frame["value"].isna().all()
    assert any("without a status marker" in w.reason for w in result.warnings)


def test_repeated_rows_that_agree_are_merged_with_a_warning():
    row = "E47000001,Greater Manchester,CA,Arts,2023-04-01/P1Y,88,,,87,89,,"
    result = _check(row, row.replace(",CA,", ",ITL Level 2,"))
    assert result.ok and len(result.frame) == 1
    assert any("merged" in w.reason for w in result.warnings)


def test_unknown_area_codes_are_warnings_not_errors():
    result = _check("E06000999,Nowhere,UA,Pay,2019,1,,,,,,", known={"E06000001"})
    assert result.ok
    assert result.warnings[0].examples == ("E06000999",)


def test_row_errors_mark_only_their_rows_to_hold_back():
    result = _check("E06000001,H,UA,Pay,2019,5,,,1,2,,", "na,H,UA,Pay,2019,1,,,,,,", *GOOD_ROWS)
    assert {p.scope for p in result.errors} == {"row"}
    assert result.held["held_reason"].tolist() == [
        "value: value outside its own 95% interval",
        "area_code: not a GSS area code",
    ]
    assert result.kept["area_code"].tolist() == ["E06000002", "E06000003"]
    assert result.refusal() == ""


@pytest.mark.parametrize(
    ("rows", "refusal"),
    [
        (["E06000001,H,UA,Pay,sometime,1,,,,,,", *("E06000002,M,UA,Pay,2019,1,,,,,,",)], "whole-file"),
        (["E06000001,H,UA,Pay,2019,1,,,,,,", "E06000001,H,UA,Pay,2019-01-01/P1Y,2,,,,,,"], "whole-file"),
        (["na,H,UA,Pay,2019,1,,,,,,", "nb,H,UA,Pay,2019,1,,,,,,", "E06000001,H,UA,Pay,2019,1,,,,,,"], "too many"),
    ],
)
def test_file_errors_and_mostly_bad_files_cannot_be_accepted(rows, refusal):
    assert refusal in _check(*rows).refusal()


GOOD_ROWS = ("E06000002,M,UA,Pay,2019,1,,,,,,", "E06000003,S,UA,Pay,2019,2,,,,,,")
