"""A local cache of experiment documents, so listing reads only what changed.

Listing a repository costs one LIST plus one read and one JSON parse per experiment. The
cache keeps, per document key and etag, what ``_document.split_document`` made of it: the
document's top-level fields ready to use, its summary and checkpoints as JSON text
(parsed only when used), or the checkpoints parsed for documents of other layouts. A document whose etag changed
(or a new one) is read again; entries of deleted documents are dropped.

The cache lives in ``REPLICATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/replicate``, else
``~/.cache/replicate``. It is written with ``marshal`` (fast, but tied to the Python
version, which is part of the file name). Any problem with it is ignored: the repository
is the truth, the cache only saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any, Optional, Union, cast

__all__ = ["CachedDocument", "ListingCache", "cache_directory"]

CACHE_FORMAT = 3
# (etag, the document without its summary and checkpoints, the checkpoints as JSON text
# or parsed, the summary as JSON text or None)
CachedDocument = tuple[str, dict[str, Any], Union[bytes, list[Any]], Optional[bytes]]


def cache_directory() -> Optional[Path]:
    """Where caches are kept, or None when no location can be found."""
    configured = os.environ.get("REPLICATE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "replicate"
    try:
        return Path.home() / ".cache" / "replicate"
    except RuntimeError:
        return None


class ListingCache:
    """The cached documents of one repository (by URL)."""

    def __init__(self, repository_url: str) -> None:
        directory = cache_directory()
        digest = hashlib.sha256(repository_url.encode()).hexdigest()[:32]
        version = f"py{sys.version_info[0]}{sys.version_info[1]}"
        self.path = (
            None
            if directory is None
            else directory / "experiments" / f"{digest}-{version}-v{CACHE_FORMAT}.marshal"
        )

    def load(self) -> dict[str, CachedDocument]:
        """``{key: (etag, document, checkpoints, summary)}``; empty when missing or unreadable."""
        if self.path is None:
            return {}
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return cast("dict[str, CachedDocument]", data) if isinstance(data, dict) else {}

    def save(self, entries: dict[str, CachedDocument]) -> None:
        """Replace the cache atomically (errors are ignored)."""
        if self.path is None:
            return
        with contextlib.suppress(OSError, ValueError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile

            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".listing-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(marshal.dumps(entries))
                os.replace(temp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
