"""One suite, every store: memory, local directory, S3 (moto on loopback)."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest

from replicate.experiments.store import NotFoundError, PreconditionFailed, Store


def test_put_get_roundtrip_and_etag_changes(store: Store) -> None:
    first = store.put_bytes("a/b.json", b'{"x": 1}')
    data, etag = store.get("a/b.json")
    assert data == b'{"x": 1}'
    assert etag == first
    second = store.put_bytes("a/b.json", b'{"x": 2}')
    assert second != first
    assert store.get("a/b.json") == (b'{"x": 2}', second)


def test_missing_key(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get("nope")
    with pytest.raises(NotFoundError):
        store.open_read("nope")
    assert not store.exists("nope")
    store.delete("nope")  # not an error


def test_exists_and_delete(store: Store) -> None:
    store.put_bytes("k", b"v")
    assert store.exists("k")
    store.delete("k")
    assert not store.exists("k")


def test_put_if_absent_creates_once(store: Store) -> None:
    store.put_if_absent("once", b"first")
    with pytest.raises(PreconditionFailed):
        store.put_if_absent("once", b"second")
    assert store.get("once")[0] == b"first"


def test_put_if_match_is_compare_and_swap(store: Store) -> None:
    etag = store.put_bytes("doc", b"1")
    new_etag = store.put_if_match("doc", b"2", etag)
    with pytest.raises(PreconditionFailed):
        store.put_if_match("doc", b"3", etag)  # stale etag loses
    assert store.get("doc") == (b"2", new_etag)
    store.delete("doc")
    with pytest.raises(PreconditionFailed):
        store.put_if_match("doc", b"4", new_etag)  # deleted meanwhile


def test_concurrent_compare_and_swap_loses_no_update(store: Store) -> None:
    store.put_bytes("counter", b"0")

    def increment() -> None:
        for _ in range(5):
            while True:
                data, etag = store.get("counter")
                try:
                    store.put_if_match("counter", str(int(data) + 1).encode(), etag)
                    break
                except PreconditionFailed:
                    continue

    threads = [threading.Thread(target=increment) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.get("counter")[0] == b"20"


def test_list_is_recursive_by_prefix_with_server_time(store: Store) -> None:
    store.put_bytes("metadata/experiments/a.json", b"a")
    store.put_bytes("metadata/experiments/b.json", b"bb")
    store.put_bytes("metadata/heartbeats/a.json", b"h")
    store.put_bytes("objects/sha256/ab/cdef", b"x")
    before = time.time()
    listing = store.list("metadata/experiments/")
    assert sorted(info.key for info in listing.objects) == [
        "metadata/experiments/a.json",
        "metadata/experiments/b.json",
    ]
    sizes = {info.key: info.size for info in listing.objects}
    assert sizes["metadata/experiments/b.json"] == 2
    assert abs(listing.server_time - before) < 30
    for info in listing.objects:
        assert 0 <= listing.server_time - info.mtime < 30
    assert {info.key for info in store.list("metadata/").objects} == {
        "metadata/experiments/a.json",
        "metadata/experiments/b.json",
        "metadata/heartbeats/a.json",
    }
    assert [info.key for info in store.list("objects/").objects] == ["objects/sha256/ab/cdef"]
    assert store.list("nothing/").objects == []


def test_put_file_streams_large_files_and_open_read_streams_back(
    store: Store, tmp_path: Path
) -> None:
    # Over the 8 MiB multipart threshold of the S3 store.
    source = tmp_path / "big.bin"
    chunk = os.urandom(1024 * 1024)
    with open(source, "wb") as out:
        for _ in range(9):
            out.write(chunk)
    expected = hashlib.sha256(source.read_bytes()).hexdigest()
    store.put_file("objects/big", source)
    assert source.exists()
    digest = hashlib.sha256()
    with store.open_read("objects/big") as stream:
        while part := stream.read(256 * 1024):
            digest.update(part)
    assert digest.hexdigest() == expected


def test_put_file_consume_gives_the_file_up(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "staged"
    source.write_bytes(b"content")
    store.put_file("objects/x", source, consume=True)
    assert not source.exists()
    assert store.get("objects/x")[0] == b"content"
