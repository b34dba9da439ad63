"""The interface every repository store implements, and its errors.

A store is a flat namespace of keys (``"metadata/experiments/<id>.json"``) holding immutable
or compare-and-swapped byte strings. Keys use ``/`` whatever the backend.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from .._errors import StorageError

__all__ = [
    "Listing",
    "NotFoundError",
    "ObjectInfo",
    "PreconditionFailed",
    "Store",
    "StorageError",
]


class NotFoundError(StorageError, KeyError):
    """The key does not exist."""

    def __str__(self) -> str:
        return Exception.__str__(self)


class PreconditionFailed(StorageError):
    """A conditional write lost: the key exists (``put_if_absent``) or changed (``put_if_match``)."""


@dataclass(frozen=True)
class ObjectInfo:
    """One key of a listing. ``mtime`` is seconds since the epoch by the store's clock."""

    key: str
    size: int
    etag: str
    mtime: float


@dataclass(frozen=True)
class Listing:
    """The keys under a prefix, with ``server_time``: the store's clock when it answered.

    Ages are computed as ``server_time - mtime``, both read from the store, so a reader
    whose clock is wrong still judges them right.
    """

    objects: list[ObjectInfo]
    server_time: float


class Store(Protocol):
    """A repository's storage: local directory, memory, S3.

    Every method raises :class:`StorageError` on failure, :class:`NotFoundError` for a
    missing key and :class:`PreconditionFailed` when a conditional write loses. Writes are
    atomic: a reader sees the old content or the new one, never a part.
    """

    url: str

    def get(self, key: str) -> tuple[bytes, str]:
        """The content of ``key`` and its etag."""
        ...

    def open_read(self, key: str) -> BinaryIO:
        """A stream of ``key``'s content, read in chunks (bounded memory). Close it."""
        ...

    def exists(self, key: str) -> bool:
        """Whether ``key`` exists."""
        ...

    def put_bytes(self, key: str, data: bytes) -> str:
        """Write ``data`` to ``key`` (replacing it); returns the new etag."""
        ...

    def put_file(self, key: str, path: Path, *, consume: bool = False) -> None:
        """Write the file at ``path`` to ``key``, streamed (bounded memory, multipart when large).

        With ``consume=True`` the caller gives the file up: a store may move it into place.
        """
        ...

    def put_if_absent(self, key: str, data: bytes) -> str:
        """Create ``key``; :class:`PreconditionFailed` if it already exists."""
        ...

    def put_if_match(self, key: str, data: bytes, etag: str) -> str:
        """Replace ``key`` only if its etag is still ``etag``; else :class:`PreconditionFailed`."""
        ...

    def list(self, prefix: str) -> Listing:
        """Every key starting with ``prefix`` (recursive), in no particular order."""
        ...

    def delete(self, key: str) -> None:
        """Remove ``key``; missing keys are not an error."""
        ...
