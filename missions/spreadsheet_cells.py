"""Cells that spreadsheets show as text: the one defence against formula injection in public files. Pure: no Django.

A cell beginning with =, +, -, @, a tab or a carriage return can run as a formula when a CSV is opened in a
spreadsheet (OWASP "CSV injection"). Such text gets a leading apostrophe; numbers, and text that is exactly a
number such as "-1.5", are left alone so negative figures stay figures.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def neutralise_cell(value):
    """Return value unchanged unless it is text a spreadsheet could run as a formula; then prefix an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.match(value):
        return "'" + value
    return value


def neutralise_row(row):
    """Return a list (or, for a dict, a dict) with every cell neutralised."""
    if isinstance(row, dict):
        return {key: neutralise_cell(value) for key, value in row.items()}
    return [neutralise_cell(value) for value in row]


def neutralise_frame(frame):
    """Return a copy of a pandas DataFrame with its text cells neutralised (numbers untouched)."""
    return frame.map(neutralise_cell)


def single_line(text: str) -> str:
    """Return text with every control character (newline, tab, NUL ...) replaced by a space."""
    return CONTROL.sub(" ", text)


def has_control_characters(text: str) -> bool:
    return bool(CONTROL.search(text))
