"""What every connector shares: fetched files, parsed records and the two kinds of failure. Pure: no Django."""

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa

# Text columns are held by Arrow from the read to the COPY: compared, hashed and written without a Python object a cell.
TEXT = pd.ArrowDtype(pa.string())


class SourceError(Exception):
    """Permanent: the file is malformed or not understood. Never retried; recorded on the release."""


class TransientSourceError(Exception):
    """Temporary: timeout, 5xx or 429. Retried with backoff."""


@dataclass(frozen=True)
class Fetched:
    """The raw files of one fetch, or nothing when the publisher said it has not changed."""

    location: str
    files: dict[str, bytes] = field(default_factory=dict)
    not_modified: bool = False
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Metadata:
    source_org: str = ""
    source_url: str = ""
    release_dates: tuple[date, ...] = ()
    indicators: dict = field(default_factory=dict)
    caveats: str = ""


@dataclass(frozen=True)
class ParsedFile:
    slug: str
    frame: pd.DataFrame  # canonical columns as text, plus `line` (the file's line number)
    metadata: Metadata
    ignored_columns: tuple[str, ...] = ()


def texts_by_code(values: list[str | None], codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Return the text column whose row i holds values[codes[i]]: a value worked out once per distinct text."""
    return pd.Series(pd.arrays.ArrowExtensionArray(pa.array(values, type=pa.string()).take(codes)), index=index)


class Connector(Protocol):
    """How ingestion calls every connector: fetch with a timeout and a size cap, then parse what was fetched."""

    def fetch(
        self, *, slug: str, location: str, etag: str = "", last_modified: str = "", timeout: float, max_bytes: int
    ) -> Fetched: ...

    def parse(self, *, slug: str, files: dict[str, bytes]) -> ParsedFile: ...
