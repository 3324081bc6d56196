"""The one network seam: read a location (http(s) URL or local path) with timeouts, a size cap and conditional GET."""

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from missions.ingestion.base import SourceError, TransientSourceError

USER_AGENT = "levelling-up-monitor/1.0 (+independent statistics monitor)"
TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Response:
    content: bytes = b""
    not_modified: bool = False
    missing: bool = False
    etag: str = ""
    last_modified: str = ""


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def join(base: str, *parts: str) -> str:
    """Return base/parts for a URL or a filesystem path."""
    if is_url(base):
        return "/".join([base.rstrip("/"), *parts])
    return str(Path(base).joinpath(*parts))


def read(location: str, *, timeout: float, max_bytes: int, etag: str = "", last_modified: str = "") -> Response:
    """Return the bytes at location; not_modified when a validator matched, missing on 404 or no such file."""
    if not is_url(location):
        return _read_path(Path(location), max_bytes=max_bytes)
    request = urllib.request.Request(location, headers={"User-Agent": USER_AGENT})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content = _capped(response, max_bytes=max_bytes, location=location)
            headers = response.headers
            return Response(
                content=content, etag=headers.get("ETag", ""), last_modified=headers.get("Last-Modified", "")
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(not_modified=True, etag=etag, last_modified=last_modified)
        if exc.code == 404:
            return Response(missing=True)
        if exc.code in TRANSIENT_STATUSES:
            raise TransientSourceError(f"{location}: HTTP {exc.code}") from exc
        raise SourceError(f"{location}: HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise TransientSourceError(f"{location}: {getattr(exc, 'reason', exc)}") from exc


def _capped(response, *, max_bytes: int, location: str) -> bytes:
    content = response.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise SourceError(f"{location}: larger than the {max_bytes:,}-byte limit")
    return content


def _read_path(path: Path, *, max_bytes: int) -> Response:
    if not path.is_file():
        return Response(missing=True)
    if path.stat().st_size > max_bytes:
        raise SourceError(f"{path}: larger than the {max_bytes:,}-byte limit")
    return Response(content=path.read_bytes())
