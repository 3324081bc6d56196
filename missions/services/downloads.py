"""Build the public download files once per data change; store each with its content hash (its ETag).

Readers are served the stored files, never a build. Building is idempotent: the same data gives the same bytes
(no timestamps inside, fixed zip entry dates), and a file whose hash is unchanged is not written again.
"""

import contextlib
import hashlib
import json
import tempfile
import zipfile

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from missions.models import Download, Metric
from missions.selectors.downloads import get_metric_csv, get_metric_metadata

ALL = "all.zip"
CSV = "text/csv; charset=utf-8"
ZIP = "application/zip"
LOCK_ID = 7_210_401  # pg advisory lock: one build at a time across workers
EPOCH = (1980, 1, 1, 0, 0, 0)


def csv_name(slug: str) -> str:
    return f"{slug}.csv"


def build_downloads() -> dict:
    """Build every metric's CSV and the zip of everything; store the files whose content changed."""
    with _one_build_at_a_time(), tempfile.TemporaryFile() as spool:
        metrics = list(Metric.objects.order_by("slug"))
        changed = []
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
            for metric in metrics:
                content = get_metric_csv(metric)
                archive.writestr(zipfile.ZipInfo(csv_name(metric.slug), EPOCH), content, zipfile.ZIP_DEFLATED)
                changed += [csv_name(metric.slug)] if _store(csv_name(metric.slug), content, CSV) else []
            metadata = json.dumps([get_metric_metadata(m) for m in metrics], indent=2, default=str).encode()
            archive.writestr(zipfile.ZipInfo("metadata.json", EPOCH), metadata, zipfile.ZIP_DEFLATED)
        changed += [ALL] if _store(ALL, spool, ZIP) else []
        names = [csv_name(m.slug) for m in metrics] + [ALL]
        for gone in Download.objects.exclude(name__in=names):
            _delete_after_commit(gone.file.name)
            gone.delete()
    return {"files": len(names), "changed": changed}


def _store(name: str, content, content_type: str) -> bool:
    sha, size = _digest(content)
    current = Download.objects.filter(name=name).first()
    if current and current.sha256 == sha and default_storage.exists(current.file.name):
        return False
    body = ContentFile(content) if isinstance(content, bytes) else File(content)
    body.seek(0)
    stored = default_storage.save(f"downloads/{sha[:16]}-{name}", body)
    Download.objects.update_or_create(
        name=name,
        defaults={
            "file": stored,
            "content_type": content_type,
            "sha256": sha,
            "size": size,
            "built_at": timezone.now(),
        },
    )
    if current and current.file.name != stored:
        _delete_after_commit(current.file.name)
    return True


def _digest(content) -> tuple[str, int]:
    if isinstance(content, bytes):
        return hashlib.sha256(content).hexdigest(), len(content)
    content.seek(0)
    digest, size = hashlib.sha256(), 0
    while chunk := content.read(1 << 20):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _delete_after_commit(path: str) -> None:
    transaction.on_commit(lambda: default_storage.delete(path))


@contextlib.contextmanager
def _one_build_at_a_time():
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])
