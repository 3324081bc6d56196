"""Manual entry: a CSV in the ONS ELS layout, uploaded by staff with a citation. Pure: no Django."""

from missions.ingestion.base import Fetched, ParsedFile, SourceError
from missions.ingestion.ons_els import parse_folder


class ManualConnector:
    """Parses uploads exactly like an ONS ELS file, so the same validation rules apply; nothing to fetch."""

    def fetch(
        self, *, slug: str, location: str, etag: str = "", last_modified: str = "", timeout: float, max_bytes: int
    ) -> Fetched:
        raise SourceError(f"{slug} is entered by hand: upload a file in the admin instead")

    def parse(self, *, slug: str, files: dict[str, bytes]) -> ParsedFile:
        return parse_folder(slug=slug, csv_bytes=files.get("csv", b""), json_bytes=files.get("json"))
