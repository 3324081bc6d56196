"""Raw release files: stored gzip-compressed, hashed, read back for replay."""

import gzip
import hashlib
import threading
from functools import cached_property

from missions.models import Release, ReleaseFile


class PackedFiles:
    """A fetch's raw files with their digests, compressed for storage on a thread while the release is validated.

    The digests are taken once, here, for both the release and its files. `start` compresses the files on a thread:
    zlib lets go of the GIL, so they are packed on the other core in the time parsing and validation take (a release
    found unchanged by its digest is never compressed). `stored` waits for the thread, or compresses there and then.
    """

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
        self._compressed: dict[str, bytes] = {}
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._compress, name="pack-release-files", daemon=True)

    def start(self) -> None:
        self._thread.start()

    @cached_property
    def sha256(self) -> str:
        """One digest of every file and its name (the release's identity: the same files are the same release)."""
        digest = hashlib.sha256()
        for name in sorted(self.files):
            digest.update(name.encode() + b"\0" + bytes.fromhex(self.digests[name]))
        return digest.hexdigest()

    def _compress(self) -> None:
        try:
            self._compressed = {name: gzip.compress(data, compresslevel=1) for name, data in self.files.items()}
        except BaseException as exc:  # re-raised in the caller's thread by stored()
            self._failure = exc

    def stored(self) -> dict[str, bytes]:
        if self._thread.ident is None:
            self._compress()
        else:
            self._thread.join()
        if self._failure is not None:
            raise self._failure
        return self._compressed


def store_files(release: Release, packed: PackedFiles) -> None:
    ReleaseFile.objects.bulk_create(
        ReleaseFile(
            release=release,
            name=name,
            sha256=packed.digests[name],
            size=len(packed.files[name]),
            content=content,
        )
        for name, content in packed.stored().items()
    )


def read_release_files(release: Release) -> dict[str, bytes]:
    return {f.name: gzip.decompress(bytes(f.content)) for f in release.raw_files.all()}
