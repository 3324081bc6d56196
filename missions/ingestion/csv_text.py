"""A CSV's bytes as an Arrow table of text columns, or a SourceError saying why not. Pure: no Django.

Arrow's reader reads a regular file several times faster than any other: a header of non-blank names, then rows of
exactly the header's width, one line each, with every quote closed. Anything else (blank lines, short rows, values
that span lines, a quote left open, which Arrow would let run on to the end of the file) is read row by row with
Python's csv module under the rules pandas applied to the project's messy files: blank and white-space-only lines are
skipped, a short row is padded with blanks, a row longer than the header and a quote left open are refused. Each row
keeps the line of the file it starts on.
"""

import csv
import re

import numpy as np
import pyarrow as pa
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
        line = len(LINE_END.findall(text, 0, text.index("\x00"))) + 1
        raise SourceError(f"the CSV holds a NUL byte (line {line}): a binary or corrupted file, not text")
    if text.lstrip()[:1] == "<":
        raise SourceError("the file is an HTML or XML page, not a CSV (an error page served as data?)")
    return text


def read_table(content: bytes, text: str) -> tuple[pa.Table, np.ndarray]:
    """Return every column as text ("" where blank) under the header's names, and the line each row starts on."""
    header = _check_width(_first_record(text))
    table = _read_regular(content, text, header)
    if table is not None:
        return table, np.arange(2, table.num_rows + 2)
    return _read_irregular(text)


def _check_width(header: list[str]) -> list[str]:
    if len(header) > MAX_COLUMNS:
        raise SourceError(f"the header has {len(header)} columns: more than {MAX_COLUMNS}, so not a statistics file")
    return header


def _first_record(text: str) -> list[str]:
    try:
        return next(csv.reader(_Lines(text)), [])  # the whole record, should a quote span lines
    except csv.Error as exc:
        raise SourceError(f"the CSV cannot be read: {exc} (line 1)") from exc


def _read_regular(content: bytes, text: str, header: list[str]) -> pa.Table | None:
    if not header or "" in header:
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
    # endings in the bytes shows whether any row (or the header, or a blank line) spans or skips one: each takes at
    # least a line, so the count equals rows + 1 only when every one takes exactly one.
    endings = content.count(b"\n") + content.count(b"\r") - content.count(b"\r\n")
    lines = endings + (not content.endswith((b"\n", b"\r")))
    return lines == rows + 1


def _last_line_closes(text: str) -> bool:
    # With every row on one line, the last line is the last row: a quote left open there (a download cut off inside
    # a quoted value) is the only one Arrow would not have shown by taking in a line break.
    end = len(text)
    while end and text[end - 1] in "\r\n":
        end -= 1
    start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    return not _ends_inside_quotes(text[start:end])  # found from the end, without copying the file


def _ends_inside_quotes(record: str) -> bool:
    """Whether a quote opened at the start of one of the record's fields is still open where the text ends.

    The csv module (like Arrow and pandas) takes text after a closing quote into the field ("x"y reads xy), and a
    quote anywhere but a field's start is a character; the module says nothing of a quote left open at the end.
    """
    quoted, at_start, i = False, True, 0
    while i < len(record):
        char = record[i]
        if quoted:
            if char == '"' and record[i + 1 : i + 2] == '"':
                i += 1  # a doubled quote is a quote character
            elif char == '"':
                quoted = False
        elif char == '"' and at_start:
            quoted = True
        at_start = not quoted and char in ",\r\n"
        i += 1
    return quoted


class _Lines:
    """The text's lines with their endings, one at a time; next_start is the offset after the last one given."""

    def __init__(self, text: str):
        self._endings = LINE_END.finditer(text)
        self._text, self.next_start = text, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        start = self.next_start
        ending = next(self._endings, None)
        self.next_start = ending.end() if ending else len(self._text)
        if start >= len(self._text):
            raise StopIteration
        return self._text[start : self.next_start]


def _read_irregular(text: str) -> tuple[pa.Table, np.ndarray]:
    """Read the file row by row: the rules pandas applied, but each refusal with its line and no row misread.

    pandas took a long first row's leading fields as an index (every value a column off), read a lone-CR blank line
    before a row with an empty first field as a shift of that row, and misread some lone-CR files outright.
    """
    lines = _Lines(text)
    reader = csv.reader(lines)
    header: list[str] | None = None
    rows: list[list[str]] = []
    starts: list[int] = []
    last, last_offset, line, offset = [], 0, 1, 0
    try:
        for row in reader:
            row_line, line, row_offset, offset = line, reader.line_num + 1, offset, lines.next_start
            if not row or (len(row) == 1 and not row[0].strip(" \t") and '"' not in text[row_offset:offset]):
                continue  # a blank or white-space-only line (a quoted blank, "", is a row of blanks)
            if header is None:
                header = [name or f"Unnamed: {i}" for i, name in enumerate(row)]
                continue
            if len(row) > len(header):
                raise SourceError(
                    f"the CSV cannot be read: line {row_line} has {len(row)} fields where the header has {len(header)}"
                )
            last, last_offset = row, row_offset
            rows.append(row + [""] * (len(header) - len(row)))
            starts.append(row_line)
    except csv.Error as exc:
        raise SourceError(f"the CSV cannot be read: {exc} in the row starting on line {line}") from exc
    if header is None:
        raise SourceError("the CSV is empty")
    if rows and _ends_inside_quotes(text[last_offset:]):
        raise SourceError(f"the CSV cannot be read: a quote in the row starting on line {starts[-1]} is never closed")
    if last and len(last) < len(header):
        # A short row mid-file fails validation on its blank required fields; a short last row is where a cut-off
        # download ends.
        raise SourceError(f"the last line has {len(last)} of {len(header)} fields: the file looks truncated")
    _check_width(header)  # blank lines before it hid it from read_table's look at the first record
    columns = [pa.array(column, type=pa.string()) for column in zip(*rows, strict=True)] if rows else []
    columns = columns or [pa.array([], type=pa.string()) for _ in header]
    return pa.table(columns, names=header), np.array(starts, dtype=np.int64)
