"""The async side of a sync client: what ``client.async_run`` and every ``async_*`` method use.

A sync ``Replicate`` (or 1.x ``Client``) also has async methods, as 1.x's one client
had. They run on an ``AsyncReplicate`` made from the sync client's own configuration
(the same ``ClientConfig`` object: token, base URL, timeout, retries, headers, query)
and an ``httpx.AsyncClient`` that sends the way the sync client's httpx client does
(see :func:`replicate._http_client.async_http_client_for`).

An httpx async client belongs to the event loop that first used it, so there is one
async client per running event loop. Each is closed when its loop shuts down (as
``asyncio.run`` and trio do at their end), by an async generator the loop finalises,
and the rest when the sync client is closed. So successive ``asyncio.run(...)``
calls each get a working client, and nothing is left open.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Any, Optional

import httpx

if TYPE_CHECKING:
    from ._async._client import AsyncReplicate
    from ._core.config import ClientConfig

__all__ = ["AsyncSide"]


def _loop_key() -> object:
    """What identifies the running event loop: the asyncio loop, or the other library's run.

    Raises:
        RuntimeError: no event loop is running in this thread.
    """
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    import anyio.lowlevel

    return anyio.lowlevel.current_token()


async def _close_when_loop_ends(close: Callable[[], Any]) -> AsyncGenerator[None, None]:
    """Suspended at its ``yield`` for the life of the loop; the loop's shutdown closes it."""
    try:
        yield
    finally:
        await close()


class _Entry:
    def __init__(self, client: AsyncReplicate, finaliser: AsyncGenerator[None, None]) -> None:
        self.client = client
        self.finaliser = finaliser


class AsyncSide:
    """One ``AsyncReplicate`` per running event loop, all with one sync client's settings.

    Args:
        config: The sync client's validated settings, shared as they are.
        make_http_client: Builds a fresh ``httpx.AsyncClient`` for a new event loop, or
            raises ``TypeError`` saying why none can be derived.
        given_http_client: The ``async_http_client=`` the user passed, used for every
            loop and closed only by :meth:`close` / :meth:`aclose`.
        community_models: The sync client's memory of non-official model names.
    """

    def __init__(
        self,
        config: ClientConfig,
        *,
        make_http_client: Callable[[], httpx.AsyncClient],
        given_http_client: Optional[httpx.AsyncClient],
        community_models: set[str],
    ) -> None:
        self.config = config
        self.make_http_client = make_http_client
        self.given_http_client = given_http_client
        self.community_models = community_models
        self._entries: dict[object, _Entry] = {}
        self._lock = threading.Lock()
        self._closing: set[asyncio.Task[None]] = set()

    def client(self) -> AsyncReplicate:
        """The async client of the running event loop, made on first use in that loop.

        Raises:
            RuntimeError: called outside a running event loop.
            TypeError: the sync client's ``http_client`` has no async equivalent and no
                ``async_http_client=`` was given.
        """
        key = _loop_key()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self._forget_closed_loops()
                entry = self._open(key)
                self._entries[key] = entry
        return entry.client

    def _open(self, key: object) -> _Entry:
        from ._async._client import AsyncReplicate

        given = self.given_http_client
        http_client = given if given is not None else self.make_http_client()
        client = AsyncReplicate._from_config(  # pyright: ignore[reportPrivateUsage]
            self.config, http_client=http_client, owns_http_client=given is None
        )
        client._community_models = self.community_models  # pyright: ignore[reportPrivateUsage]

        async def close() -> None:
            with self._lock:
                if self._entries.get(key) is entry:
                    del self._entries[key]
            await client.close()

        finaliser = _close_when_loop_ends(close)
        entry = _Entry(client, finaliser)
        # Starting the generator registers it with the running loop (its first-iteration
        # hook), which closes it, and so the client, when the loop shuts down. Its body
        # reaches the `yield` without awaiting, so it can be started here.
        step = finaliser.__anext__()
        with contextlib.suppress(StopIteration):
            step.send(None)
        return entry

    def _forget_closed_loops(self) -> None:
        """Drop the clients of asyncio loops closed without shutting down (nothing to await)."""
        for key in [key for key in self._entries if _is_closed(key)]:
            del self._entries[key]

    def close(self) -> None:
        """Close every loop's client that can be closed from here (``Replicate.close``).

        A loop running in this thread gets the close scheduled on it; a loop that is
        neither running nor closed runs it to completion; a closed loop has nothing left.
        """
        with self._lock:
            entries = list(self._entries.items())
            self._entries.clear()
        for key, entry in entries:
            if not isinstance(key, asyncio.AbstractEventLoop) or key.is_closed():
                continue
            if key.is_running():
                try:
                    running = asyncio.get_running_loop()
                except RuntimeError:
                    running = None
                if running is key:
                    task = key.create_task(entry.client.close())
                    self._closing.add(task)
                    task.add_done_callback(self._closing.discard)
                else:
                    asyncio.run_coroutine_threadsafe(entry.client.close(), key)
            else:
                key.run_until_complete(entry.client.close())
        if self.given_http_client is not None and not self.given_http_client.is_closed:
            self._close_given_http_client()

    def _close_given_http_client(self) -> None:
        given = self.given_http_client
        if given is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is not None:
            task = running.create_task(given.aclose())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)
        # Outside a loop its connections are dropped with it: nothing can be awaited here.

    async def aclose(self) -> None:
        """Close every loop's client, awaiting the one of the running loop."""
        current = _loop_key()
        with self._lock:
            entry = self._entries.pop(current, None)
        if entry is not None:
            await entry.client.close()
        self.close()
        if self.given_http_client is not None:
            await self.given_http_client.aclose()


def _is_closed(key: object) -> bool:
    return isinstance(key, asyncio.AbstractEventLoop) and key.is_closed()
