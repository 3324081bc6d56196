"""Raw release files: stored gzip-compressed, hashed, read back for replay."""

import gzip
import hashlib

from missions.models import Release, ReleaseFile


def store_files(release: Release, files: dict[str, bytes]) -> None:
    ReleaseFile.objects.bulk_create(
        ReleaseFile(
            release=release,
            name=name,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            content=gzip.compress(data, compresslevel=1),
        )
        for name, data in files.items()
    )


def read_release_files(release: Release) -> dict[str, bytes]:
    return {f.name: gzip.decompress(bytes(f.content)) for f in release.raw_files.all()}


def files_sha256(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()
