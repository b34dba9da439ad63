"""The few things that differ between the async and sync worlds, written by hand as pairs.

Code in ``_async/`` calls the async member of each pair; the generated ``_sync/`` twin
calls the sync one by name (``async_sleep`` → ``sleep``, ``AsyncInterrupts`` →
``Interrupts``). Tests replace ``async_sleep``/``sleep`` here to retry without waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
import time
import types
import warnings
import weakref
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar, Optional, Protocol

import anyio

from ._core.sse import ServerSentEvent

__all__ = [
    "AsyncLoopGuard",
    "AsyncPoolCloser",
    "AsyncEager",
    "AsyncInterrupts",
    "BlockingCallWarning",
    "LoopGuard",
    "PoolCloser",
    "Eager",
    "Interrupts",
    "async_sleep",
    "sleep",
]


async def async_sleep(seconds: float) -> None:
    """Wait without blocking the event loop (asyncio or trio)."""
    await anyio.sleep(seconds)


def sleep(seconds: float) -> None:
    """Block the thread for ``seconds``."""
    time.sleep(seconds)


class AsyncInterrupts:
    """What interrupts async code, and room to clean up after it."""

    @staticmethod
    def caught(kind: type[BaseException]) -> bool:
        """Whether ``kind`` interrupts: ``KeyboardInterrupt`` or the task's cancellation."""
        return issubclass(kind, (KeyboardInterrupt, anyio.get_cancelled_exc_class()))

    @staticmethod
    def cleanup_scope(seconds: float) -> anyio.CancelScope:
        """A block shielded from the cancellation being handled, for at most ``seconds``."""
        return anyio.CancelScope(shield=True, deadline=anyio.current_time() + seconds)


class Interrupts:
    """What interrupts sync code, and room to clean up after it."""

    @staticmethod
    def caught(kind: type[BaseException]) -> bool:
        """Whether ``kind`` interrupts: ``KeyboardInterrupt`` (Ctrl-C)."""
        return issubclass(kind, KeyboardInterrupt)

    @staticmethod
    def cleanup_scope(seconds: float) -> contextlib.nullcontext[None]:
        """Nothing to shield in sync code; the cleanup bounds its own requests (``seconds``)."""
        del seconds
        return contextlib.nullcontext()


class AsyncEager:
    """Starting a generator's work at the call: async code cannot, so it starts at first use."""

    STARTED: ClassVar[Optional[ServerSentEvent]] = None
    """Nothing: an async generator yields no marker."""

    @staticmethod
    def start(events: AsyncIterator[ServerSentEvent]) -> AsyncIterator[ServerSentEvent]:
        """``events`` as it is: it starts when first iterated."""
        return events


class Eager:
    """Starting a generator's work at the call: run it to its ``STARTED`` marker."""

    STARTED: ClassVar[Optional[ServerSentEvent]] = ServerSentEvent(event="started")
    """Yielded once by a generator whose work up to it must run at the call."""

    @staticmethod
    def start(events: Iterator[ServerSentEvent]) -> Iterator[ServerSentEvent]:
        """Run ``events`` up to its ``STARTED`` marker now (raising what it raises), then
        return it for the rest."""
        next(events)
        return events


class BlockingCallWarning(RuntimeWarning):
    """A sync client's request was made from inside a running event loop, which it blocks."""


class _LoopBound(Protocol):
    """A transport as the loop guards see it."""

    loop: object
    """The event loop its connection pool belongs to (``None`` before the first request)."""

    def renew_pool(self) -> bool:
        """Give itself a new connection pool; ``False`` if it cannot (the pool was given)."""
        ...


class AsyncLoopGuard:
    """An async connection pool belongs to the event loop that first used it.

    A client used again from another loop (a second ``asyncio.run(...)``) gets a new pool
    before its request is sent, when the client made its pool itself; with a pool the
    user gave (``http_client=``) it raises before anything is sent.
    """

    @staticmethod
    def check(transport: _LoopBound) -> None:
        """Make sure ``transport`` may send from the running loop (see the class)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # another async library: its own rules
        if transport.loop is loop:
            return
        if transport.loop is not None and not transport.renew_pool():
            from ._exceptions import ReplicateError

            raise ReplicateError(
                "This client's http_client was first used in another event loop, which an "
                "httpx.AsyncClient cannot leave; nothing was sent. Create the client (and "
                "its http_client) inside the event loop that uses it, e.g. in "
                "`async with replicate.AsyncReplicate(...) as client:`"
            )
        transport.loop = loop

    @staticmethod
    def closable(transport: _LoopBound) -> bool:
        """Whether the pool can be closed here: not when its event loop has been closed."""
        loop = transport.loop
        return not (isinstance(loop, asyncio.AbstractEventLoop) and loop.is_closed())


class LoopGuard:
    """Warns, once per process, when a sync request is made inside a running event loop."""

    @staticmethod
    def closable(transport: _LoopBound) -> bool:
        """A sync pool can always be closed."""
        del transport
        return True

    _warned = False
    _lock = threading.Lock()

    @classmethod
    def check(cls, transport: _LoopBound) -> None:
        """Warn if an event loop runs in this thread (the request would stall it)."""
        del transport  # a sync pool is not tied to a loop
        if cls._warned:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        with cls._lock:
            if cls._warned:
                return
            cls._warned = True
        warnings.warn(
            "A replicate.Replicate (sync) method was called inside a running event loop: it "
            "blocks the loop until the request is answered. In async code use "
            "replicate.AsyncReplicate, or the async_ form of the method "
            "(await replicate.async_run(...), await client.predictions.async_get(...)).",
            BlockingCallWarning,
            stacklevel=_user_stacklevel(),
        )


def _user_stacklevel() -> int:
    """The ``stacklevel`` of the first frame outside this package (the user's call)."""
    level = 1
    frame: Optional[types.FrameType] = sys._getframe(1)  # pyright: ignore[reportPrivateUsage]
    while frame is not None and frame.f_globals.get("__name__", "").startswith("replicate."):
        frame = frame.f_back
        level += 1
    return level


class _Pool(Protocol):
    """What a transport exposes about its connection pool."""

    owns_http_client: bool

    @property
    def http_client(self) -> Any: ...


class AsyncPoolCloser:
    """An async connection pool can only be closed by awaiting: ``close()`` or ``async with``."""

    @staticmethod
    def close_with(owner: object, transport: _Pool) -> None:
        """Nothing to register."""


class PoolCloser:
    """Closes a sync client's connection pool when the client is collected or at exit.

    A script that never calls ``close()`` then leaves no open socket behind (no
    ``ResourceWarning`` under ``python -X dev``). Copies made by ``with_options`` share
    the pool without owning it, and leave it open.
    """

    @staticmethod
    def close_with(owner: object, transport: _Pool) -> None:
        """When ``owner`` is collected or the interpreter exits, close the pool if owned."""
        weakref.finalize(owner, _close_owned_pool, transport)


def _close_owned_pool(transport: _Pool) -> None:
    if transport.owns_http_client:
        transport.http_client.close()
