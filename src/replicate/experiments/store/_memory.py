"""A store in a dict: for tests and for ``memory://`` repositories that live as long as the process."""

from __future__ import annotations

import hashlib
import io
import threading
import time
from pathlib import Path
from typing import BinaryIO, Callable

from ._base import Listing, NotFoundError, ObjectInfo, PreconditionFailed

__all__ = ["MemoryStore"]


class MemoryStore:
    """Keys in a dict guarded by a lock. ``clock`` gives the store's time (seconds)."""

    def __init__(self, url: str = "memory://", clock: Callable[[], float] = time.time) -> None:
        self.url = url
        self._clock = clock
        self._objects: dict[str, tuple[bytes, float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _etag(data: bytes) -> str:
        return hashlib.md5(data, usedforsecurity=False).hexdigest()

    def get(self, key: str) -> tuple[bytes, str]:
        with self._lock:
            found = self._objects.get(key)
        if found is None:
            raise NotFoundError(key)
        return found[0], self._etag(found[0])

    def open_read(self, key: str) -> BinaryIO:
        return io.BytesIO(self.get(key)[0])

    def exists(self, key: str) -> bool:
        with self._lock:
            return key in self._objects

    def put_bytes(self, key: str, data: bytes) -> str:
        with self._lock:
            self._objects[key] = (bytes(data), self._clock())
        return self._etag(data)

    def put_file(self, key: str, path: Path, *, consume: bool = False) -> None:
        self.put_bytes(key, path.read_bytes())
        if consume:
            path.unlink()

    def put_if_absent(self, key: str, data: bytes) -> str:
        with self._lock:
            if key in self._objects:
                raise PreconditionFailed(f"{key} already exists")
            self._objects[key] = (bytes(data), self._clock())
        return self._etag(data)

    def put_if_match(self, key: str, data: bytes, etag: str) -> str:
        with self._lock:
            found = self._objects.get(key)
            if found is None or self._etag(found[0]) != etag:
                raise PreconditionFailed(f"{key} changed")
            self._objects[key] = (bytes(data), self._clock())
        return self._etag(data)

    def list(self, prefix: str) -> Listing:
        with self._lock:
            objects = [
                ObjectInfo(key, len(data), self._etag(data), mtime)
                for key, (data, mtime) in self._objects.items()
                if key.startswith(prefix)
            ]
        return Listing(objects, self._clock())

    def delete(self, key: str) -> None:
        with self._lock:
            self._objects.pop(key, None)
