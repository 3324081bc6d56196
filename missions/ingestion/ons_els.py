"""ONS "Explore local statistics" folders: <slug>/<slug>.csv plus <slug>/<slug>.json. Pure: no Django.

Header names drift between releases (Observation / observation / Value; lci_95 / lower_confidence_interval_95 /
Lower Confidence Interval (95%); a byte-order mark; a duplicated notes column), so headers are mapped to canonical
names here and everything downstream sees one layout.
"""

import csv
import io
import json
import re
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from missions.ingestion import http
from missions.ingestion.base import TEXT, Fetched, Metadata, ParsedFile, SourceError

COLUMN_ALIASES = {
    "areacd": "area_code",
    "areanm": "area_name",
    "geography": "geography",
    "indicator": "indicator",
    "period": "period",
    "observation": "value",
    "value": "value",
    "lci_95": "lci",
    "lower_confidence_interval_95": "lci",
    "lower confidence interval (95%)": "lci",
    "uci_95": "uci",
    "upper_confidence_interval_95": "uci",
    "upper confidence interval (95%)": "uci",
    "status": "status",
    "observation status": "status",
    "observation_status": "status",
    "notes": "note",
}
REQUIRED = ("area_code", "indicator", "period", "value")
OPTIONAL = ("area_name", "geography", "lci", "uci", "status", "note")
_LINE_END = re.compile(r"\r\n|\r|\n")  # the csv module's line endings
_SOURCE_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


class OnsElsConnector:
    """Fetch and parse one ONS ELS folder."""

    def fetch(
        self, *, slug: str, location: str, etag: str = "", last_modified: str = "", timeout: float, max_bytes: int
    ) -> Fetched:
        csv_location = http.join(location, f"{slug}.csv")
        data = http.read(csv_location, timeout=timeout, max_bytes=max_bytes, etag=etag, last_modified=last_modified)
        if data.not_modified:
            return Fetched(location=location, not_modified=True, etag=data.etag, last_modified=data.last_modified)
        if data.missing:
            raise SourceError(_missing_csv_reason(slug, location))
        meta = http.read(http.join(location, f"{slug}.json"), timeout=timeout, max_bytes=max_bytes)
        files = {"csv": data.content} | ({} if meta.missing else {"json": meta.content})
        return Fetched(location=location, files=files, etag=data.etag, last_modified=data.last_modified)

    def parse(self, *, slug: str, files: dict[str, bytes]) -> ParsedFile:
        return parse_folder(slug=slug, csv_bytes=files.get("csv", b""), json_bytes=files.get("json"))


def _missing_csv_reason(slug: str, location: str) -> str:
    reason = f"no {slug}.csv at {location}: not a folder in the ONS ELS layout"
    if not http.is_url(location):
        from pathlib import Path

        others = sorted(p.name for p in Path(location).glob("*.csv"))
        if others:
            reason += f" (it holds {', '.join(others)}, in another layout)"
    return reason


def parse_folder(*, slug: str, csv_bytes: bytes, json_bytes: bytes | None) -> ParsedFile:
    """Return the folder's rows under canonical column names, or raise SourceError saying why not."""
    frame, ignored = read_csv(csv_bytes)
    return ParsedFile(slug=slug, frame=frame, metadata=read_metadata(json_bytes), ignored_columns=ignored)


def read_csv(content: bytes) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Return (rows as text under canonical names, ignored column names)."""
    text = _decode(content)
    raw = _read_regular(content, text)
    if raw is None:
        raw = _read_irregular(content, text)
    columns, ignored = _canonical_columns(raw)
    frame = pa.table(columns).to_pandas(types_mapper={pa.string(): TEXT}.get)
    frame.insert(0, "line", np.arange(2, len(frame) + 2))
    return frame, ignored


def _read_regular(content: bytes, text: str) -> pa.Table | None:
    """Read a regular file with Arrow's reader (several times faster than pandas'); None for anything else.

    Regular: distinct, non-blank header names and every row with as many fields as the header. Anything else (a
    duplicated notes column, a short or long row) goes to pandas' reader, whose rules the messy files were checked
    against: it names duplicates apart, pads short rows with blanks and says which line has too many fields.
    """
    try:
        header = next(csv.reader([_LINE_END.split(text, maxsplit=1)[0]]), [])
    except csv.Error:  # a header field over the csv module's size limit: pandas' reader decides
        return None
    if not header or "" in header or len(set(header)) != len(header):
        return None
    convert = pa_csv.ConvertOptions(
        column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False, quoted_strings_can_be_null=False
    )
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(content), parse_options=pa_csv.ParseOptions(newlines_in_values=True), convert_options=convert
        )
    except pa.ArrowInvalid:
        return None
    if table.column_names != header or any(kind != pa.string() for kind in table.schema.types):
        return None
    return table


def _read_irregular(content: bytes, text: str) -> pa.Table:
    _check_no_long_rows(text)
    try:
        # From the bytes (checked as UTF-8 above): pandas' parser would encode a text buffer back to bytes first.
        raw = pd.read_csv(
            io.BytesIO(content), encoding="utf-8-sig", dtype=str, keep_default_na=False, skip_blank_lines=True
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SourceError(f"the CSV cannot be read: {str(exc).strip()}") from exc
    _check_not_truncated(text, expected=len(raw.columns))
    columns = [pc.fill_null(pa.array(raw[name], type=pa.string()), "") for name in raw.columns]
    return pa.table(columns, names=[str(name) for name in raw.columns])


def _check_no_long_rows(text: str) -> None:
    # pandas would read a row with more fields than the header by taking its first fields as the row's index (or,
    # told not to, by dropping its last ones): either way every value moves a column without a word. Refused.
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        expected = len(next(rows, []))
        for row in rows:
            if len(row) > expected:
                where = f"line {rows.line_num} has {len(row)} fields where the header has {expected}"
                raise SourceError(f"the CSV cannot be read: {where}")
    except csv.Error as exc:
        raise SourceError(f"the CSV cannot be read: {exc} (line {rows.line_num})") from exc


def _check_not_truncated(text: str, *, expected: int) -> None:
    # pandas pads a short row with blanks; a short row mid-file also fails validation on its blank required
    # fields, so only the last line (where a cut-off download ends) needs counting here. (A file Arrow reads has
    # every row whole.)
    end = len(text)
    while end and text[end - 1] in "\r\n":
        end -= 1
    start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    fields = next(csv.reader([text[start:end]]), [])  # found from the end, without copying the file
    if len(fields) < expected:
        raise SourceError(f"the last line has {len(fields)} of {expected} fields: the file looks truncated")


def _decode(content: bytes) -> str:
    if not content.strip():
        raise SourceError("the CSV is empty")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"the CSV is not UTF-8 text (byte {exc.start})") from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(f"the CSV holds a NUL byte (line {line}): a binary or corrupted file, not text")
    if text.lstrip()[:1] == "<":
        raise SourceError("the file is an HTML or XML page, not a CSV (an error page served as data?)")
    return text


def _canonical_columns(raw: pa.Table) -> tuple[dict[str, pa.ChunkedArray], tuple[str, ...]]:
    """Return the columns under canonical names, in the canonical order, and the names of the columns ignored."""
    columns: dict[str, pa.ChunkedArray] = {}
    ignored = []
    for name, column in zip(raw.column_names, raw.columns, strict=True):
        header = re.sub(r"\.\d+$", "", name) if re.search(r"\.\d+$", name) else name
        canonical = COLUMN_ALIASES.get(header.strip().lstrip("\ufeff").lower())
        if canonical is None:
            ignored.append(name.strip())
        elif canonical not in columns:
            columns[canonical] = _strip(column)
        elif canonical == "note":
            columns["note"] = _join_notes(columns["note"], _strip(column))
        else:
            raise SourceError(f"two columns both read as {canonical!r}; cannot tell which holds the data")
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        names = ", ".join(raw.column_names[:8])
        raise SourceError(f"required column(s) missing: {', '.join(missing)} (header reads: {names})")
    blank = pa.chunked_array([pa.repeat("", raw.num_rows)], type=pa.string())
    return {c: columns.get(c, blank) for c in REQUIRED + OPTIONAL}, tuple(ignored)


def _strip(column: pa.ChunkedArray) -> pa.ChunkedArray:
    # Arrow's trim removes exactly what Python's str.strip() does (every code point checked, see the tests); a
    # clean column is kept as it is.
    trimmed = pc.utf8_trim_whitespace(column)
    return column if pc.all(pc.equal(trimmed, column)).as_py() is not False else trimmed


def _join_notes(first: pa.ChunkedArray, second: pa.ChunkedArray) -> pa.ChunkedArray:
    """Return one note from two notes columns: either where the other is blank or the same, else both, joined."""
    both = pc.and_(pc.and_(pc.not_equal(first, ""), pc.not_equal(second, "")), pc.not_equal(first, second))
    joined = pc.if_else(both, pc.binary_join_element_wise(first, second, "; "), first)
    return pc.if_else(pc.equal(first, ""), second, joined)


def read_metadata(content: bytes | None) -> Metadata:
    """Return what the JSON metadata says about source, release date and indicators."""
    if not content:
        return Metadata()
    try:
        doc = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"the JSON metadata cannot be read: {exc}") from exc
    ess = doc.get("ess-beta-metadata") or {}
    if "label" in ess:  # single-indicator form: the block describes the one indicator and the source at once
        shared, indicators = ess, {ess["label"]: ess}
    else:
        shared = ess.get("shared") or {}
        indicators = {k: v for k, v in ess.items() if k != "shared" and isinstance(v, dict)}
    return Metadata(
        source_org=shared.get("sourceOrg") or "",
        source_url=shared.get("sourceURL") or "",
        release_dates=parse_source_dates(shared.get("sourceDate") or ""),
        indicators=indicators | {"_shared": {k: v for k, v in shared.items() if k != "caveats"}},
        caveats=shared.get("caveats") or "",
    )


def parse_source_dates(text: str) -> tuple[date, ...]:
    """Return the dates in a sourceDate such as '23/10/2025|23/10/2025' (day/month/year), unique and sorted."""
    found = set()
    for part in text.split("|"):
        match = _SOURCE_DATE.match(part)
        if match:
            day, month, year = (int(g) for g in match.groups())
            found.add(date(year, month, day))
    return tuple(sorted(found))
