"""Writing a stream of bytes to a local file, written by hand as an async/sync pair.

``_async/`` code calls :meth:`AsyncLocalFile.write_chunks`; the generated ``_sync/`` twin
calls :meth:`LocalFile.write_chunks` (the ``AsyncX`` → ``X`` rename).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterable, Iterable
from pathlib import Path
from typing import Union

import anyio

__all__ = ["AsyncLocalFile", "LocalFile", "PathLike"]

PathLike = Union[str, "os.PathLike[str]"]


class AsyncLocalFile:
    """Local file writes from async code, done in a worker thread so the loop keeps running."""

    @staticmethod
    async def write_chunks(path: PathLike, chunks: AsyncIterable[bytes]) -> Path:
        """Write ``chunks`` to ``path`` one at a time (replacing the file); return the path."""
        target = Path(path)
        async with await anyio.open_file(target, "wb") as handle:
            async for chunk in chunks:
                await handle.write(chunk)
        return target


class LocalFile:
    """Local file writes from sync code."""

    @staticmethod
    def write_chunks(path: PathLike, chunks: Iterable[bytes]) -> Path:
        """Write ``chunks`` to ``path`` one at a time (replacing the file); return the path."""
        target = Path(path)
        with open(target, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        return target
