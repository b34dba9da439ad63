"""Repository stores: one small interface (:class:`Store`), three backends.

- ``file:///path``: :class:`LocalStore` (standard library only)
- ``s3://bucket[/root]``: :class:`S3Store` (``pip install 'replicate[s3]'``)
- ``memory://name``: :class:`MemoryStore`, shared by every opening in the process
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from .._errors import ConfigError
from ._base import Listing, NotFoundError, ObjectInfo, PreconditionFailed, StorageError, Store
from ._local import LocalStore
from ._memory import MemoryStore

if TYPE_CHECKING:
    from ._s3 import S3Store

__all__ = [
    "Listing",
    "LocalStore",
    "MemoryStore",
    "NotFoundError",
    "ObjectInfo",
    "PreconditionFailed",
    "S3Store",
    "StorageError",
    "Store",
    "open_store",
]

_memory_stores: dict[str, MemoryStore] = {}
_memory_lock = threading.Lock()


def open_store(url: str) -> Store:
    """The store for a repository URL (as resolved by the config: absolute ``file://``).

    Raises:
        ConfigError: unsupported scheme, or the backend's extra is not installed.
    """
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return LocalStore(Path(unquote(parsed.path)))
    if parsed.scheme == "memory":
        with _memory_lock:
            return _memory_stores.setdefault(url, MemoryStore(url))
    if parsed.scheme == "s3":
        try:
            from ._s3 import S3Store
        except ImportError as error:
            raise ConfigError(
                f"{url}: S3 repositories need boto3: pip install 'replicate[s3]' ({error})"
            ) from None
        return S3Store(parsed.netloc, parsed.path.strip("/"))
    from .._config import resolve_repository_url

    resolve_repository_url(url, Path.cwd())  # raises the error that says what to use instead
    raise ConfigError(f"{url}: unsupported repository scheme {parsed.scheme!r}")


def __getattr__(name: str) -> object:
    if name == "S3Store":
        from ._s3 import S3Store

        return S3Store
    raise AttributeError(name)
