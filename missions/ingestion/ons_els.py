"""ONS "Explore local statistics" folders: <slug>/<slug>.csv plus <slug>/<slug>.json. Pure: no Django.

Header names drift between releases (Observation / observation / Value; lci_95 / lower_confidence_interval_95 /
Lower Confidence Interval (95%); a byte-order mark; a duplicated notes column), so headers are mapped to canonical
names here and everything downstream sees one layout.
"""

import json
import re
from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from missions.ingestion import http
from missions.ingestion.base import TEXT, Fetched, Metadata, ParsedFile, SourceError
from missions.ingestion.csv_text import decode, read_table

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
    table, lines = read_table(content, decode(content))
    columns, ignored = _canonical_columns(table)
    frame = pa.table(columns).to_pandas(types_mapper={pa.string(): TEXT}.get)
    frame.insert(0, "line", lines)
    return frame, ignored


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
