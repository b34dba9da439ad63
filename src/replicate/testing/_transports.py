"""httpx transports that talk to the emulator in-process, streaming bodies chunk by chunk.

A :class:`~replicate.testing._http.Disconnect` (an injected drop or cut) surfaces as the
exception httpx raises for the same event on a real connection. The request's read
timeout is measured on the emulator's clock: when the response (or the next chunk of
its body) takes longer, the request fails with ``httpx.ReadTimeout`` as it would on a
socket.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, AsyncIterator, Coroutine, Iterator, TypeVar, cast

import httpx

from ._app import API, FILES
from ._clock import Clock, SystemClock
from ._http import Disconnect, Request, Response

if TYPE_CHECKING:
    from ._emulator import Emulator

__all__ = ["EmulatorAsyncTransport", "EmulatorTransport"]

T = TypeVar("T")


class _TimedOut(Exception):
    """The read timeout ran out on the emulator's clock."""


async def _within_real_time(seconds: float, work: Coroutine[Any, Any, T]) -> T:
    """:func:`_within` for a clock that runs at a fixed speed: one timer, no extra task."""
    task = asyncio.current_task()
    assert task is not None
    expired = False

    def expire() -> None:
        nonlocal expired
        expired = True
        task.cancel()

    timer = asyncio.get_running_loop().call_later(seconds, expire)
    try:
        return await work
    except asyncio.CancelledError:
        if expired:
            raise _TimedOut from None
        raise
    finally:
        timer.cancel()


def _read_timeout(request: httpx.Request) -> float | None:
    """The request's read timeout in seconds, or ``None`` for none."""
    timeout: object = request.extensions.get("timeout")
    if not isinstance(timeout, dict):
        return None
    read = cast("dict[str, object]", timeout).get("read")
    return float(read) if isinstance(read, (int, float)) else None


async def _within(clock: Clock, seconds: float | None, work: Coroutine[Any, Any, T]) -> T:
    """``await work``, or raise :class:`_TimedOut` once ``seconds`` pass on ``clock`` first."""
    if seconds is None:
        return await work
    if isinstance(clock, SystemClock):
        return await _within_real_time(seconds / clock.speed, work)
    deadline = clock.now() + seconds
    task = asyncio.ensure_future(work)
    timer = asyncio.ensure_future(clock.sleep_until(deadline))
    try:
        await asyncio.wait({task, timer}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        task.cancel()
        raise
    finally:
        timer.cancel()
    if task.done():
        return task.result()
    # The client gave up: whatever the server was doing for it stops too.
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    raise _TimedOut


_TIMED_OUT = "The read operation timed out (on the emulator's clock)."


def _base_url(url: httpx.URL) -> str:
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{url.host}{port}"


def _request(request: httpx.Request, body: AsyncIterator[bytes]) -> Request:
    return Request(
        method=request.method,
        path=request.url.path,
        query_string=request.url.query.decode(),
        headers={key.lower(): value for key, value in request.headers.items()},
        body=body,
        base_url=_base_url(request.url),
    )


def _host_kind(emulator: Emulator, request: httpx.Request) -> str:
    return FILES if request.url.host == emulator.files_host else API


async def _sync_body_on_loop(stream: Iterator[bytes]) -> AsyncIterator[bytes]:
    loop = asyncio.get_running_loop()
    while True:
        # The caller's stream may read a file: read it off the emulator's loop.
        chunk: bytes | None = await loop.run_in_executor(None, next, stream, None)
        if chunk is None:
            return
        yield chunk


def _headers(response: Response) -> list[tuple[str, str]]:
    return [(k, v) for k, v in response.headers if k.lower() != "content-length"]


class _SyncBody(httpx.SyncByteStream):
    def __init__(
        self, emulator: Emulator, body: AsyncIterator[bytes], request: httpx.Request
    ) -> None:
        self._emulator = emulator
        self._body = body
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        loop = self._emulator._loop  # pyright: ignore[reportPrivateUsage]
        clock, read = self._emulator.clock, _read_timeout(self._request)
        while True:
            try:
                chunk = loop.run(_within(clock, read, _next_chunk(self._body)))
            except Disconnect as exc:
                raise httpx.RemoteProtocolError(
                    f"peer closed connection ({exc})", request=self._request
                ) from None
            except _TimedOut:
                raise httpx.ReadTimeout(_TIMED_OUT, request=self._request) from None
            if chunk is None:
                return
            yield chunk

    def close(self) -> None:
        self._emulator._loop.run(_close(self._body))  # pyright: ignore[reportPrivateUsage]


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(
        self, emulator: Emulator, body: AsyncIterator[bytes], request: httpx.Request
    ) -> None:
        self._emulator = emulator
        self._body = body
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        loop = self._emulator._loop  # pyright: ignore[reportPrivateUsage]
        clock, read = self._emulator.clock, _read_timeout(self._request)
        while True:
            try:
                chunk = await loop.arun(_within(clock, read, _next_chunk(self._body)))
            except Disconnect as exc:
                raise httpx.RemoteProtocolError(
                    f"peer closed connection ({exc})", request=self._request
                ) from None
            except _TimedOut:
                raise httpx.ReadTimeout(_TIMED_OUT, request=self._request) from None
            if chunk is None:
                return
            yield chunk

    async def aclose(self) -> None:
        await self._emulator._loop.arun(_close(self._body))  # pyright: ignore[reportPrivateUsage]


async def _next_chunk(body: AsyncIterator[bytes]) -> bytes | None:
    try:
        return await body.__anext__()
    except StopAsyncIteration:
        return None


async def _close(body: AsyncIterator[bytes]) -> None:
    close = getattr(body, "aclose", None)
    if close is not None:
        await close()


async def _bytes(body: bytes) -> AsyncIterator[bytes]:
    yield body


def _split(response: Response) -> tuple[bytes | None, AsyncIterator[bytes] | None]:
    if isinstance(response.body, bytes):
        return response.body, None
    return None, response.body


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """For ``httpx.Client(transport=...)``: requests go to the emulator, no sockets involved.

    It serves ``httpx.AsyncClient`` too, so the async methods of a sync client built on
    it (``client.async_run``) reach the same emulator.
    """

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator
        self._async = EmulatorAsyncTransport(emulator)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer ``request`` from the emulator, in async code."""
        return await self._async.handle_async_request(request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer ``request`` from the emulator."""
        emulator = self._emulator
        stream = request.stream
        if isinstance(stream, httpx.ByteStream):
            body = _bytes(b"".join(stream))  # already in memory: no thread hop per chunk
        else:
            assert isinstance(stream, httpx.SyncByteStream)
            body = _sync_body_on_loop(iter(stream))
        handling = emulator._app.handle(_request(request, body), _host_kind(emulator, request))  # pyright: ignore[reportPrivateUsage]
        try:
            response = emulator._loop.run(  # pyright: ignore[reportPrivateUsage]
                _within(emulator.clock, _read_timeout(request), handling)
            )
        except Disconnect:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None
        except _TimedOut:
            raise httpx.ReadTimeout(_TIMED_OUT, request=request) from None
        content, chunks = _split(response)
        if chunks is None:
            return httpx.Response(
                response.status, headers=_headers(response), content=content, request=request
            )
        return httpx.Response(
            response.status,
            headers=_headers(response),
            stream=_SyncBody(emulator, chunks, request),
            request=request,
        )


class EmulatorAsyncTransport(httpx.AsyncBaseTransport):
    """For ``httpx.AsyncClient(transport=...)``, usable from any event loop."""

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer ``request`` from the emulator."""
        emulator = self._emulator
        loop = emulator._loop  # pyright: ignore[reportPrivateUsage]
        stream = request.stream
        if isinstance(stream, httpx.ByteStream):
            body = _bytes(b"".join(stream))
        else:
            assert isinstance(stream, httpx.AsyncByteStream)
            body = _foreign_body(stream, asyncio.get_running_loop())
        app = emulator._app  # pyright: ignore[reportPrivateUsage]
        handling = app.handle(_request(request, body), _host_kind(emulator, request))
        try:
            response = await loop.arun(_within(emulator.clock, _read_timeout(request), handling))
        except Disconnect:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None
        except _TimedOut:
            raise httpx.ReadTimeout(_TIMED_OUT, request=request) from None
        content, chunks = _split(response)
        if chunks is None:
            return httpx.Response(
                response.status, headers=_headers(response), content=content, request=request
            )
        return httpx.Response(
            response.status,
            headers=_headers(response),
            stream=_AsyncBody(emulator, chunks, request),
            request=request,
        )


async def _foreign_body(
    stream: httpx.AsyncByteStream, owner: asyncio.AbstractEventLoop
) -> AsyncIterator[bytes]:
    """Pull a request body that belongs to the caller's loop from the emulator's loop."""
    iterator = stream.__aiter__()
    while True:
        future = asyncio.run_coroutine_threadsafe(_next_chunk(iterator), owner)
        chunk = await asyncio.wrap_future(future)
        if chunk is None:
            return
        yield chunk
