"""What every connector shares: fetched files, parsed records and the two kinds of failure. Pure: no Django."""

from dataclasses import dataclass, field
from typing import Protocol


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


class Connector(Protocol):
    def fetch(self, *, slug: str, location: str, etag: str = "", last_modified: str = "") -> Fetched: ...

    def parse(self, *, slug: str, files: dict[str, bytes]): ...
