"""The few things that differ between the async and sync worlds, written by hand as pairs.

Code in ``_async/`` calls the async member of each pair; the generated ``_sync/`` twin
calls the sync one by name (``async_sleep`` → ``sleep``, ``AsyncResponseBody`` →
``ResponseBody``). Tests replace ``async_sleep``/``sleep`` here to retry without waiting.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator

import anyio
import httpx

__all__ = ["AsyncResponseBody", "ResponseBody", "async_sleep", "sleep"]


async def async_sleep(seconds: float) -> None:
    """Wait without blocking the event loop (asyncio or trio)."""
    await anyio.sleep(seconds)


def sleep(seconds: float) -> None:
    """Block the thread for ``seconds``."""
    time.sleep(seconds)


class AsyncResponseBody:
    """Reading an httpx response body from async code."""

    @staticmethod
    async def read(response: httpx.Response) -> bytes:
        """The whole body (read once, then cached by httpx)."""
        return await response.aread()

    @staticmethod
    def iter_bytes(response: httpx.Response, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body in chunks, as it arrives."""
        return response.aiter_bytes(chunk_size)

    @staticmethod
    def iter_text(response: httpx.Response, chunk_size: int | None = None) -> AsyncIterator[str]:
        """The body decoded to text, in chunks, as it arrives."""
        return response.aiter_text(chunk_size)

    @staticmethod
    def iter_lines(response: httpx.Response) -> AsyncIterator[str]:
        """The body decoded to text, line by line, as it arrives."""
        return response.aiter_lines()


class ResponseBody:
    """Reading an httpx response body from sync code."""

    @staticmethod
    def read(response: httpx.Response) -> bytes:
        """The whole body (read once, then cached by httpx)."""
        return response.read()

    @staticmethod
    def iter_bytes(response: httpx.Response, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks, as it arrives."""
        return response.iter_bytes(chunk_size)

    @staticmethod
    def iter_text(response: httpx.Response, chunk_size: int | None = None) -> Iterator[str]:
        """The body decoded to text, in chunks, as it arrives."""
        return response.iter_text(chunk_size)

    @staticmethod
    def iter_lines(response: httpx.Response) -> Iterator[str]:
        """The body decoded to text, line by line, as it arrives."""
        return response.iter_lines()
