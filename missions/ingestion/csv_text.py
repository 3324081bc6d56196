"""A CSV's bytes as an Arrow table of text columns, or a SourceError saying why not. Pure: no Django.

Arrow's reader reads a regular file several times faster than pandas'. Anything it might read differently goes to
pandas' reader, whose rules the project's messy files were checked against: duplicated or blank header names, rows of
the wrong length (pandas pads a short row with blanks), values that span lines, and a last line whose quotes do not
close (Arrow would take the rest of the file into that value; pandas refuses it).
"""

import csv
import io
import re

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from missions.ingestion.base import SourceError

# An ONS ELS file has about a dozen columns; a file with hundreds is not one, and reading it costs per column.
MAX_COLUMNS = 500
LINE_END = re.compile(r"\r\n|\r|\n")  # the csv module's line endings
# The csv module refuses fields over 128 KiB by default; a file's size is capped before it is read (INGEST_MAX_BYTES,
# MANUAL_ENTRY_MAX_BYTES), so no field needs a cap of its own, and both readers then accept the same fields.
csv.field_size_limit(2**31 - 1)


def decode(content: bytes) -> str:
    """Return the file as text, or raise SourceError if it is empty, not UTF-8, binary or an HTML page."""
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


def read_table(content: bytes, text: str) -> pa.Table:
    """Return every column as text ("" where blank), under the header's names (pandas' for duplicates: x, x.1)."""
    header = next(csv.reader([LINE_END.split(text, maxsplit=1)[0]]), [])
    if len(header) > MAX_COLUMNS:
        raise SourceError(f"the header has {len(header)} columns: more than {MAX_COLUMNS}, so not a statistics file")
    table = _read_regular(content, text, header)
    return table if table is not None else _read_irregular(content, text)


def _read_regular(content: bytes, text: str, header: list[str]) -> pa.Table | None:
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
    if not _one_line_per_row(content, table.num_rows) or not _last_line_closes(text):
        return None
    return table


def _one_line_per_row(content: bytes, rows: int) -> bool:
    # A quote that never closes takes the following lines into its value, so its row spans lines. Counting line
    # endings in the bytes shows whether any row (or blank line) spans or skips one: then pandas, which tells a value
    # that truly spans lines from a quote left open, reads the file instead.
    endings = content.count(b"\n") + content.count(b"\r") - content.count(b"\r\n")
    lines = endings + (not content.endswith((b"\n", b"\r")))
    return lines == rows + 1


def _last_line_closes(text: str) -> bool:
    # With no value spanning lines, the last line is the last row: a quote left open there (a download cut off
    # inside a quoted value) is the only one Arrow would not have shown by taking in a line break.
    end = len(text)
    while end and text[end - 1] in "\r\n":
        end -= 1
    start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    try:
        next(csv.reader([text[start:end]], strict=True), None)  # found from the end, without copying the file
    except csv.Error:
        return False
    return True


def _read_irregular(content: bytes, text: str) -> pa.Table:
    _check_rows(text)
    try:
        # From the bytes (checked as UTF-8 above): pandas' parser would encode a text buffer back to bytes first.
        raw = pd.read_csv(
            io.BytesIO(content), encoding="utf-8-sig", dtype=str, keep_default_na=False, skip_blank_lines=True
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SourceError(f"the CSV cannot be read: {str(exc).strip()}") from exc
    columns = [pc.fill_null(pa.array(raw[name], type=pa.string()), "") for name in raw.columns]
    return pa.table(columns, names=[str(name) for name in raw.columns])


def _check_rows(text: str) -> None:
    """Refuse a row longer than the header, and a last row shorter than it (a cut-off download).

    pandas would read a row with more fields than the header by taking its first fields as the row's index (or,
    told not to, by dropping its last ones): either way every value moves a column without a word. It pads a short
    row with blanks; a short row mid-file fails validation on its blank required fields, so only the last row (where
    a cut-off download ends) is counted here.
    """
    rows = csv.reader(io.StringIO(text, newline=""))
    last: list[str] = []
    try:
        expected = len(next(rows, []))
        for row in rows:
            if len(row) > expected:
                where = f"line {rows.line_num} has {len(row)} fields where the header has {expected}"
                raise SourceError(f"the CSV cannot be read: {where}")
            last = row or last
    except csv.Error as exc:
        raise SourceError(f"the CSV cannot be read: {exc} (line {rows.line_num})") from exc
    if last and len(last) < expected:
        raise SourceError(f"the last line has {len(last)} of {expected} fields: the file looks truncated")
