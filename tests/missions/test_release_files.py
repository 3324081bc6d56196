"""Raw release files: hashed once, compressed beside validation, stored and read back byte for byte."""

import gzip
import hashlib
from datetime import date

import pytest

from missions.models import Release, Source
from missions.services import release_files
from missions.services.release_files import PackedFiles, read_release_files, store_files

FILES = {"csv": b"areacd,indicator\nE06000001,Pay\n" * 500, "json": b'{"ess-beta-metadata": {}}'}


def test_the_release_digest_is_of_every_file_and_its_name_in_name_order():
    expected = hashlib.sha256()
    for name in ("csv", "json"):
        expected.update(name.encode() + b"\0" + hashlib.sha256(FILES[name]).digest())
    packed = PackedFiles(FILES)
    assert packed.sha256 == expected.hexdigest()
    assert PackedFiles(dict(reversed(FILES.items()))).sha256 == packed.sha256
    assert PackedFiles({**FILES, "csv": FILES["csv"] + b"\n"}).sha256 != packed.sha256
    assert packed.digests == {name: hashlib.sha256(data).hexdigest() for name, data in FILES.items()}


def test_packed_files_decompress_to_what_was_fetched():
    packed = PackedFiles(FILES)
    packed.start()
    stored = packed.stored()
    assert {name: gzip.decompress(content) for name, content in stored.items()} == FILES
    assert len(stored["csv"]) < len(FILES["csv"]) / 10


def test_files_never_started_are_compressed_when_stored():
    packed = PackedFiles(FILES)
    assert {name: gzip.decompress(content) for name, content in packed.stored().items()} == FILES


def test_a_failure_while_compressing_is_raised_where_the_files_are_stored(monkeypatch):
    def broken(data, compresslevel):
        raise MemoryError("no room")

    monkeypatch.setattr(release_files.gzip, "compress", broken)
    packed = PackedFiles(FILES)
    packed.start()
    with pytest.raises(MemoryError, match="no room"):
        packed.stored()


@pytest.mark.django_db
def test_stored_files_are_read_back_byte_for_byte_with_their_digests():
    source = Source.objects.create(slug="s", name="s")
    release = Release.objects.create(source=source, release_date=date(2025, 1, 1), status=Release.Status.QUARANTINED)
    store_files(release, PackedFiles(FILES))
    assert read_release_files(release) == FILES
    rows = {f.name: (f.sha256, f.size) for f in release.raw_files.all()}
    assert rows == {name: (hashlib.sha256(data).hexdigest(), len(data)) for name, data in FILES.items()}
