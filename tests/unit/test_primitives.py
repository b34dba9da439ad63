"""The hand-written async/sync pairs (replicate._primitives)."""

from __future__ import annotations

import time

import httpx

from replicate._primitives import AsyncResponseBody, ResponseBody, async_sleep, sleep


class _Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __init__(self, *chunks: bytes) -> None:
        self._chunks = chunks

    def __iter__(self):  # type: ignore[no-untyped-def]
        yield from self._chunks

    async def __aiter__(self):  # type: ignore[no-untyped-def]
        for chunk in self._chunks:
            yield chunk


def _response() -> httpx.Response:
    return httpx.Response(200, stream=_Chunks(b"one\n", b"two\n"))


def test_sleep_blocks_for_about_the_time_asked() -> None:
    started = time.monotonic()
    sleep(0.01)
    assert time.monotonic() - started >= 0.01


async def test_async_sleep_waits_for_about_the_time_asked() -> None:
    started = time.monotonic()
    await async_sleep(0.01)
    assert time.monotonic() - started >= 0.009


def test_sync_body_reading() -> None:
    assert ResponseBody.read(_response()) == b"one\ntwo\n"
    assert list(ResponseBody.iter_bytes(_response())) == [b"one\n", b"two\n"]
    assert list(ResponseBody.iter_lines(_response())) == ["one", "two"]


async def test_async_body_reading() -> None:
    assert await AsyncResponseBody.read(_response()) == b"one\ntwo\n"
    assert [chunk async for chunk in AsyncResponseBody.iter_bytes(_response())] == [
        b"one\n",
        b"two\n",
    ]
    assert [line async for line in AsyncResponseBody.iter_lines(_response())] == ["one", "two"]
