import json
import re

import pytest

from missions.ingestion.base import SourceError
from missions.ingestion.ons_els import parse_folder, parse_source_dates, read_metadata

STANDARD = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes\n"


def _parse(text: str, meta: dict | None = None):
    return parse_folder(
        slug="s", csv_bytes=text.encode("utf-8"), json_bytes=json.dumps(meta).encode() if meta else None
    )


@pytest.mark.parametrize(
    "header",
    [
        STANDARD,
        "\ufeff" + STANDARD,
        "indicator,areacd,areanm,geography,observation,unit,measure,period,lower_confidence_interval_95,"
        "upper_confidence_interval_95,observation_status,notes\n",
        "\ufeffAREACD,AREANM,Geography,Variable Name,Indicator,Mission,Category,Period,Value,Measure,Unit,"
        "Lower Confidence Interval (95%),Upper Confidence Interval (95%),Observation Status,Polarity,Notes\n",
    ],
)
def test_every_header_layout_reads_to_the_same_columns(header):
    names = [h.strip().lstrip("\ufeff") for h in header.strip().split(",")]
    values = {
        "areacd": "E06000001",
        "indicator": "Pay",
        "period": "2019-01-01/P1Y",
        "observation": "10.5",
        "value": "10.5",
        "lci_95": "10",
        "lower_confidence_interval_95": "10",
        "lower confidence interval (95%)": "10",
        "uci_95": "11",
        "upper_confidence_interval_95": "11",
        "upper confidence interval (95%)": "11",
    }
    row = ",".join(values.get(n.lower(), "") for n in names)
    frame = _parse(header + row + "\n").frame
    assert frame.loc[0, ["area_code", "indicator", "period", "value", "lci", "uci"]].tolist() == [
        "E06000001",
        "Pay",
        "2019-01-01/P1Y",
        "10.5",
        "10",
        "11",
    ]


def test_a_duplicated_notes_column_is_merged():
    text = STANDARD.replace("notes\n", "notes,notes\n") + "E06000001,H,UA,Pay,2019,1,,,,,,first,second\n"
    assert _parse(text).frame.loc[0, "note"] == "first; second"


def test_extra_columns_are_reported_as_ignored():
    text = STANDARD.replace("notes\n", "notes,Polarity\n") + "E06000001,H,UA,Pay,2019,1,,,,,,,Higher\n"
    assert "Polarity" in _parse(text).ignored_columns


@pytest.mark.parametrize("space", [c for c in map(chr, range(0x3001)) if c.isspace()] + ["\u3000"])
def test_values_lose_exactly_the_white_space_python_strips(space):
    # Arrow trims the columns; it must agree with str.strip() on every white-space code point (and keep others).
    rows = f'E06000001,"{space}H\u200b{space}",UA,Pay,2019,1,,,,\nE06000002,M,UA,Pay,2019,2,,,,\n'
    text = STANDARD.replace("measure,unit,", "") + rows
    assert _parse(text).frame.loc[0, "area_name"] == f"{space}H\u200b{space}".strip()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "HTML"),
        (b"code,name,year,number\nE06000001,H,2019,1\n", "required column(s) missing"),
        ((STANDARD + "E06000001,H,UA,Pay,2019,1,,,,,,\nE06000002,Mid").encode(), "truncated"),
        (b"\xff\xfe\x00a", "not UTF-8"),
        # Found by comparing the readers on generated files: pandas took a long first row's leading fields as an
        # index (a TypeError, not a reason), and read a NUL byte as the end of its field.
        (
            (STANDARD + "E06000001,H,UA,Pay,2019,1,,,,,,,extra\n").encode(),
            "line 2 has 13 fields where the header has 12",
        ),
        ((STANDARD + "E06000001,H,UA,Pay,2019,1,,,,,,\nE06000002,M,UA,Pay,2019,2,,,,,,,x\n").encode(), "line 3 has 13"),
        ((STANDARD + "E06000001,H\x00,UA,Pay,2019,1,,,,,,\n").encode(), "NUL byte (line 2)"),
    ],
)
def test_files_it_cannot_understand_are_refused_with_a_reason(content, reason):
    with pytest.raises(SourceError, match=re.escape(reason)):
        parse_folder(slug="s", csv_bytes=content, json_bytes=None)


def test_metadata_with_a_shared_block_gives_publisher_date_and_indicators():
    meta = read_metadata(
        json.dumps(
            {
                "ess-beta-metadata": {
                    "shared": {"sourceOrg": "ONS", "sourceDate": "19/02/2026"},
                    "Male": {"label": "Male"},
                }
            }
        ).encode()
    )
    assert meta.source_org == "ONS"
    assert [d.isoformat() for d in meta.release_dates] == ["2026-02-19"]
    assert "Male" in meta.indicators


def test_metadata_in_single_indicator_form_is_read_too():
    meta = read_metadata(json.dumps({"ess-beta-metadata": {"label": "Pay", "sourceDate": "23/10/2025"}}).encode())
    assert meta.release_dates[0].isoformat() == "2025-10-23" and "Pay" in meta.indicators


@pytest.mark.parametrize(
    ("text", "expected"),
    [("23/10/2025|23/10/2025", ["2025-10-23"]), ("05/02/2026|28/11/2025", ["2025-11-28", "2026-02-05"]), ("", [])],
)
def test_source_dates_are_parsed_day_first_and_deduplicated(text, expected):
    assert [d.isoformat() for d in parse_source_dates(text)] == expected


def test_broken_metadata_is_refused():
    with pytest.raises(SourceError, match="JSON"):
        read_metadata(b"{not json")
