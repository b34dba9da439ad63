"""A response body that arrives a byte at a time, slowly: for whole-response timeouts."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator

import anyio
import httpx


class DribblingBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """``size`` bytes of a JSON string, one every ``interval`` seconds."""

    def __init__(self, size: int = 30, interval: float = 0.1) -> None:
        self._chunks = [b'"'] + [b"x"] * (size - 2) + [b'"']
        self._interval = interval

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            time.sleep(self._interval)
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            await anyio.sleep(self._interval)
            yield chunk
