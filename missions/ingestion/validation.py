"""Row checks run before anything is stored. Pure: no Django.

Every problem names its column, its reason, how many rows have it and the first lines, so a quarantined release
tells an analyst exactly what to look at.

Each error has a scope. A "row" error concerns some rows only (a value outside its own interval, a malformed area code,
a value that is not a number, bounds the wrong way round, a blank indicator or area): a reviewer may accept the release
with exactly those rows held back. A "file" error makes the whole file untrustworthy (no rows, an unrecognised period
format, conflicting duplicates across the file, and every parse failure: wrong header, HTML, truncation): it can only be
rejected. A release whose row errors touch more than MAX_HELD_SHARE of its rows is treated as a file error too.
"""

import re
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from missions.ingestion.base import ParsedFile, texts_by_code
from missions.ingestion.periods import PeriodError, parse_period
from missions.spreadsheet_cells import FORMULA_STARTS, NUMBER

STATUS_CODES = {"x": "not available", "u": "low reliability", "c": "confidential", "z": "not applicable"}
GSS_CODE = re.compile(r"^(?:[EKNSW]\d{8}|TL[A-N][0-9A-Z]{0,3})$")
KEY = ["indicator", "area_code", "period"]
VALUE_FIELDS = ["value", "lci", "uci", "status", "note"]
LINES_SHOWN = 20
MAX_HELD_SHARE = 0.5
HELD = "held_reason"
ROW, FILE = "row", "file"


@dataclass(frozen=True)
class Problem:
    column: str
    reason: str
    count: int
    lines: tuple[int, ...] = ()
    examples: tuple[str, ...] = ()
    scope: str = FILE

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Validated:
    frame: pd.DataFrame
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def kept(self) -> pd.DataFrame:
        """Return the rows that can be stored: all of them, less those held back for a row error."""
        if HELD not in self.frame or not _holds_rows(self.errors):
            return self.frame
        return self.frame[self.frame[HELD] == ""]

    @property
    def held(self) -> pd.DataFrame:
        return self.frame[self.frame[HELD] != ""] if HELD in self.frame else self.frame.iloc[0:0]

    def refusal(self) -> str:
        """Return why this release cannot be accepted with rows held back ("" when it can)."""
        whole = [p.reason for p in self.errors if p.scope != ROW]
        if whole:
            return "whole-file error(s) cannot be accepted: " + "; ".join(whole)
        if len(self.held) > MAX_HELD_SHARE * max(len(self.frame), 1):
            return f"{len(self.held)} of {len(self.frame)} rows have errors: too many to hold back"
        return ""


def _holds_rows(errors) -> bool:
    """Whether any rows are marked to be held back: only a row error marks them (see _row_error)."""
    return any(p.scope == ROW for p in errors)


def _problem(
    column: str, reason: str, rows: pd.DataFrame, example_column: str | None = None, scope: str = FILE
) -> Problem:
    examples = ()
    if example_column:
        # The first five distinct values, in file order: distinct first (cheap), then written as text.
        examples = tuple(dict.fromkeys(str(value) for value in rows[example_column].unique()[:5]))
    lines = tuple(int(n) for n in rows["line"].head(LINES_SHOWN))
    return Problem(column, reason, len(rows), lines, examples, scope)


def _rows(frame: pd.DataFrame, mask, example_column: str | None = None) -> pd.DataFrame:
    """Return the rows where mask holds, with only the columns a Problem reads (taking every column costs more)."""
    return frame.loc[mask, ["line", *([example_column] if example_column else [])]]


def _row_error(frame, errors, column: str, reason: str, rows: pd.DataFrame, example_column: str | None = None):
    """Record an error that concerns these rows only, and mark them to be held back if the release is accepted."""
    errors.append(_problem(column, reason, rows, example_column, scope=ROW))
    unmarked = frame.index.isin(rows.index) & (frame[HELD] == "")
    frame.loc[unmarked, HELD] = f"{column}: {reason}"


def validate(parsed: ParsedFile, *, known_area_codes: set[str] | None = None) -> Validated:
    """Return the typed rows with every error and warning found in them."""
    frame = parsed.frame.copy()
    frame[HELD] = ""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    if frame.empty:
        return Validated(frame, (Problem("*", "the file has no data rows", 0),), ())
    _check_text(frame, errors)
    _check_formulas(frame, errors)
    _parse_periods(frame, errors)
    _parse_status(frame, warnings)
    _parse_numbers(frame, errors, warnings)
    _check_bounds(frame, errors)
    _check_areas(frame, errors, warnings, known_area_codes)
    frame = _check_duplicates(frame, errors, warnings)
    return Validated(frame, tuple(errors), tuple(warnings))


def _check_text(frame, errors):
    for column in ("indicator", "area_code"):
        blank = frame[column] == ""
        if blank.any():
            _row_error(frame, errors, column, f"{column.replace('_', ' ')} is blank", _rows(frame, blank))


def _check_formulas(frame, errors):
    # Text a spreadsheet would run (=HYPERLINK(...), @SUM(...)) is refused, not stored; "-1.5" is a number.
    # These columns repeat a few values: each distinct one is tested once, and rows are picked only if one fails.
    for column in ("indicator", "area_name", "geography", "status", "note"):
        if column in frame:
            runs = [t for t in frame[column].unique() if t.startswith(FORMULA_STARTS) and not NUMBER.match(t)]
            if runs:
                bad = _rows(frame, frame[column].isin(runs), column)
                errors.append(_problem(column, "text that a spreadsheet would run as a formula", bad, column))


def _parse_periods(frame, errors):
    parsed, bad = {}, []
    for text in frame["period"].unique():
        try:
            parsed[text] = parse_period(text)
        except PeriodError:
            bad.append(text)
    if bad:
        errors.append(
            _problem("period", "unrecognised period", _rows(frame, frame["period"].isin(bad), "period"), "period")
        )
    codes, distinct = pd.factorize(frame["period"])  # each distinct period's fields, spread to its rows by code
    known = [parsed.get(text) for text in distinct]
    frame["period"] = texts_by_code([p.key if p else "" for p in known], codes, frame.index)
    frame["period_start"] = texts_by_code([p.start.isoformat() if p else None for p in known], codes, frame.index)
    frame["period_months"] = np.array([p.months if p else 0 for p in known], dtype=int)[codes]


def _parse_status(frame, warnings):
    codes, distinct = pd.factorize(frame["status"])
    status = texts_by_code([text.lower() for text in distinct], codes, frame.index)
    code_in_value = frame["value"].isin([*STATUS_CODES, *(code.upper() for code in STATUS_CODES)])
    if code_in_value.any():
        from_value = code_in_value & (status == "")
        status[from_value] = frame.loc[from_value, "value"].str.lower()
        frame.loc[code_in_value, "value"] = ""
    is_text = (status != "") & ~status.isin(STATUS_CODES)
    if not is_text.any():
        frame["status"] = status
        return
    # Free text in the status column ("Value for Hackney and City of London combined") is a note, not a status.
    frame.loc[is_text, "note"] = np.where(
        frame.loc[is_text, "note"] == "",
        frame.loc[is_text, "status"],
        frame.loc[is_text, "note"] + "; " + frame.loc[is_text, "status"],
    )
    frame["status"] = status.where(~is_text, "")
    warnings.append(
        _problem("status", "free text in the status column kept as a note", _rows(frame, is_text, "note"), "note")
    )


def _parse_numbers(frame, errors, warnings):
    for column in ("value", "lci", "uci"):
        numbers = _read_numbers(frame[column])
        blank_or_bad = np.flatnonzero(np.isnan(numbers))
        bad = blank_or_bad[frame[column].iloc[blank_or_bad].to_numpy(dtype=object) != ""]
        if len(bad):
            rows = frame[["line", column]].iloc[bad]
            _row_error(frame, errors, column, "not a number or a status code (x, u, c, z)", rows, column)
        infinite = np.flatnonzero(np.isinf(numbers))  # "inf", "Infinity", "1e400": no statistic, and no JSON for it
        if len(infinite):
            rows = frame[["line", column]].iloc[infinite]
            _row_error(frame, errors, column, "not a finite number (infinite, or too large to hold)", rows, column)
            numbers = numbers.copy()  # Arrow's array is read-only
            numbers[infinite] = np.nan
        frame[column] = numbers
    unmarked = frame["value"].isna() & (frame["status"] == "")
    if unmarked.any():
        reason = "blank observation without a status marker, stored as missing"
        warnings.append(_problem("value", reason, _rows(frame, unmarked)))


def _read_numbers(column: pd.Series) -> np.ndarray:
    """Return texts as floats, NaN where blank or not a number ("1,234.5" loses its thousands separator).

    Arrow's strict cast reads a clean column in one pass; a column it refuses (a space, a comma, a stray word) is
    read by pandas instead, each distinct text once.
    """
    arrow = pa.array(column, type=pa.string())
    try:
        blank_as_null = pc.if_else(pc.equal(arrow, ""), pa.scalar(None, pa.string()), arrow)
        return pc.cast(blank_as_null, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        pass
    codes, distinct = pd.factorize(column.to_numpy(dtype=object))
    numbers = pd.to_numeric(pd.Series(distinct, dtype=object), errors="coerce").to_numpy(dtype=float)
    retry = np.flatnonzero(np.isnan(numbers) & (distinct != ""))  # few: only these have their commas dropped
    if len(retry):
        cleaned = pd.Series(distinct[retry], dtype=object).str.replace(",", "", regex=False)
        numbers[retry] = pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype=float)
    return numbers[codes]


def _check_bounds(frame, errors):
    lci, value, uci = frame["lci"], frame["value"], frame["uci"]
    swapped = lci > uci
    if swapped.any():
        _row_error(frame, errors, "lci", "lower bound above upper bound", _rows(frame, swapped))
    outside = ~swapped & ((lci > value) | (value > uci))
    if outside.any():
        reason = "value outside its own 95% interval"
        _row_error(frame, errors, "value", reason, _rows(frame, outside, "value"), "value")


def _check_areas(frame, errors, warnings, known):
    # Each distinct code is tested once (a file repeats a few hundred codes over many rows) and spread back by code.
    codes, distinct = pd.factorize(frame["area_code"])
    distinct = list(distinct)
    shaped = np.array([GSS_CODE.match(code) is not None for code in distinct], dtype=bool)[codes]
    bad = ~shaped & (frame["area_code"] != "").to_numpy(dtype=bool)
    if bad.any():
        _row_error(frame, errors, "area_code", "not a GSS area code", _rows(frame, bad, "area_code"), "area_code")
    if known is not None:
        unknown = shaped & ~np.array([code in known for code in distinct], dtype=bool)[codes]
        if unknown.any():
            reason = "area code not in the geography list"
            warnings.append(_problem("area_code", reason, _rows(frame, unknown, "area_code"), "area_code"))


def _check_duplicates(frame, errors, warnings):
    # Rows already held back for a row error are never stored, so only the others can clash.
    clean = frame[frame[HELD] == ""] if _holds_rows(errors) else frame
    dup = clean[clean.duplicated(KEY, keep=False)]
    if dup.empty:
        return frame
    distinct = dup.drop_duplicates(KEY + VALUE_FIELDS)
    conflicting = distinct[distinct.duplicated(KEY, keep=False)]
    if len(conflicting):
        rows = dup[dup.set_index(KEY).index.isin(conflicting.set_index(KEY).index)]
        errors.append(
            _problem("period", "duplicate (indicator, area, period) with different values", rows, "area_code")
        )
        return frame
    repeats = clean[clean.duplicated(KEY, keep="first")]
    warnings.append(_problem("area_code", "repeated rows with identical values merged", repeats, "area_code"))
    return frame.drop(index=repeats.index)
