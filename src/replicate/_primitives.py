"""Everything that differs between the async and sync worlds, written by hand as pairs.

Code in ``_async/`` calls the async member of each pair; the generated ``_sync/`` twin
calls the sync one by name (``async_sleep`` → ``sleep``, ``AsyncInterrupts`` →
``Interrupts``, ``async_to_raw_response_wrapper`` → ``to_raw_response_wrapper``). The
pairs: sleeping, interrupts, starting a generator at the call, the event-loop guards,
closing pools, starting a list call, the raw/streamed response wrappers, and what run
outputs and file outputs add in each world. Tests replace ``async_sleep``/``sleep`` here
to retry without waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import sys
import threading
import time
import types
import warnings
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Optional, Protocol, TypeVar, cast

import anyio
import anyio.to_thread
from typing_extensions import ParamSpec

from ._core.sse import ServerSentEvent
from ._exceptions import ArgumentTypeError

if TYPE_CHECKING:
    from ._async._pagination import AsyncCursorURLPage
    from ._async._response import AsyncAPIResponse, AsyncResponseContextManager
    from ._sync._pagination import SyncCursorURLPage
    from ._sync._response import APIResponse, ResponseContextManager

_T = TypeVar("_T")
_R = TypeVar("_R")
_P = ParamSpec("_P")
_PageT_co = TypeVar("_PageT_co", bound="AsyncCursorURLPage[Any]", covariant=True)
_PageT = TypeVar("_PageT", bound="SyncCursorURLPage[Any]")

__all__ = [
    "AsyncFileOutputTwins",
    "AsyncListing",
    "AsyncOutputList",
    "AsyncPaginator",
    "AsyncRunOutputs",
    "FileOutputTwins",
    "Listing",
    "RunOutputs",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
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


# -- list calls ------------------------------------------------------------------------
# In async code a list method returns an AsyncPaginator before any request (awaitable,
# and async-iterable); in sync code it fetches its first page at once and returns it.


class AsyncPaginator(Generic[_T, _PageT_co]):
    """A list call: ``await`` it for the first page, or iterate over it for every item.

    Example::

        page = await client.predictions.list()          # the first page
        async for prediction in client.predictions.list():  # all predictions, page by page
            ...
    """

    def __init__(self, fetch_first_page: Callable[[], Awaitable[_PageT_co]]) -> None:
        self._fetch_first_page = fetch_first_page

    def __await__(self) -> Generator[Any, None, _PageT_co]:
        return self._fetch_first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        first: AsyncCursorURLPage[_T] = await self._fetch_first_page()
        async for item in first:
            yield item

    if not TYPE_CHECKING:  # hints at run time; type checkers report these mistakes themselves

        def __iter__(self) -> Iterator[_T]:
            raise ArgumentTypeError(
                "An async list call is iterated with `async for`: `async for item in "
                "client.<resource>.list():`, or `page = await client.<resource>.list()`"
            )

        def __getattr__(self, name: str) -> Any:
            if name in _PAGE_ATTRIBUTES:
                raise AttributeError(
                    f"An async list call has no {name!r} before it is awaited: "
                    f"`page = await client.<resource>.list()`, then `page.{name}`"
                )
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


_PAGE_ATTRIBUTES = frozenset(
    {"results", "next", "previous", "has_next_page", "get_next_page", "iter_pages"}
)
"""What a page has and a list call that was not awaited lacks."""


class AsyncListing:
    """How an async list call starts: nothing is sent until it is awaited or iterated."""

    @staticmethod
    def start(
        model: type[_T], fetch_first_page: Callable[[], Awaitable[_PageT_co]]
    ) -> AsyncPaginator[_T, _PageT_co]:
        """The result of a list call whose items are ``model`` instances."""
        del model  # only fixes the item type
        return AsyncPaginator(fetch_first_page)


class Listing:
    """How a sync list call starts: by fetching its first page."""

    @staticmethod
    def start(model: type[_T], fetch_first_page: Callable[[], _PageT]) -> _PageT:
        """Fetch and return the first page of a list whose items are ``model`` instances."""
        del model  # only fixes the item type
        return fetch_first_page()


# -- with_raw_response / with_streaming_response -------------------------------------------
# The async signatures take ``Awaitable`` results, which no renaming turns into their sync
# form. Import them from ``_response``.


def async_to_raw_response_wrapper(
    method: Callable[_P, Awaitable[_R]],
) -> Callable[_P, Awaitable[AsyncAPIResponse[_R]]]:
    """``method`` changed to return its HTTP answer; ``await response.parse()`` gives the result."""
    from ._async._response import checked_response, with_response_mode

    @functools.wraps(method)
    async def call_raw(*args: _P.args, **kwargs: _P.kwargs) -> AsyncAPIResponse[_R]:
        response: Any = await method(*args, **with_response_mode(kwargs, "raw"))
        return checked_response(response)

    return call_raw


def async_to_streamed_response_wrapper(
    method: Callable[_P, Awaitable[_R]],
) -> Callable[_P, AsyncResponseContextManager[AsyncAPIResponse[_R]]]:
    """``method`` changed to return a context manager over its HTTP answer, body unread."""
    from ._async._response import AsyncResponseContextManager, checked_response, with_response_mode

    @functools.wraps(method)
    def call_streamed(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> AsyncResponseContextManager[AsyncAPIResponse[_R]]:
        async def send() -> AsyncAPIResponse[_R]:
            response: Any = await method(*args, **with_response_mode(kwargs, "stream"))
            return checked_response(response)

        return AsyncResponseContextManager(send)

    return call_streamed


def to_raw_response_wrapper(method: Callable[_P, _R]) -> Callable[_P, APIResponse[_R]]:
    """``method`` changed to return its HTTP answer; ``response.parse()`` gives the result."""
    from ._sync._response import checked_response, with_response_mode

    @functools.wraps(method)
    def call_raw(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_R]:
        response: Any = method(*args, **with_response_mode(kwargs, "raw"))
        return checked_response(response)

    return call_raw


def to_streamed_response_wrapper(
    method: Callable[_P, _R],
) -> Callable[_P, ResponseContextManager[APIResponse[_R]]]:
    """``method`` changed to return a context manager over its HTTP answer, body unread."""
    from ._sync._response import ResponseContextManager, checked_response, with_response_mode

    @functools.wraps(method)
    def call_streamed(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> ResponseContextManager[APIResponse[_R]]:
        def send() -> APIResponse[_R]:
            response: Any = method(*args, **with_response_mode(kwargs, "stream"))
            return checked_response(response)

        return ResponseContextManager(send)

    return call_streamed


# -- outputs ---------------------------------------------------------------------------
# ``AsyncRunOutputs.finish`` / ``RunOutputs.finish``: the last step of ``run``. 1.x's
# ``async_run`` returned an async iterator for a model whose output schema is an iterator
# (a language model's tokens), and code written for it does ``async for token in
# output``: async ``run`` returns a list output as an AsyncOutputList, a list that
# ``async for`` also walks; sync ``run`` returns it unchanged.
#
# 1.x had one ``FileOutput`` for both worlds (``read()`` and ``await aread()``, ``for``
# and ``async for``). The sync ``FileOutput`` is generated from ``AsyncFileOutput``,
# which turns its ``aread`` and ``__aiter__`` into sync methods; so ``AsyncFileOutput``
# mixes in AsyncFileOutputTwins (``aread``, 1.x's name of ``read``) and the generated
# ``FileOutput`` gets FileOutputTwins, whose ``aread`` and ``async for`` run the sync
# download in a worker thread, through the client the output came from.


class AsyncOutputList(list[Any]):
    """A list output of async ``run``: a list, that ``async for`` also walks (1.x).

    Example::

        output = await client.run("meta/meta-llama-3-8b-instruct", {"prompt": "hi"})
        async for token in output:
            print(token, end="")
        print(output[0])
    """

    def __aiter__(self) -> AsyncIterator[Any]:
        return _each_item(self)


async def _each_item(items: list[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item


class AsyncRunOutputs:
    """The last step of async ``run``."""

    @staticmethod
    def finish(output: object) -> object:
        """``output`` as an :class:`AsyncOutputList` when it is a list; else as it is."""
        if isinstance(output, list):
            return AsyncOutputList(cast("list[Any]", output))  # type: ignore[redundant-cast]
        return output


class RunOutputs:
    """The last step of sync ``run``: nothing to add."""

    @staticmethod
    def finish(output: object) -> object:
        """``output`` as it is."""
        return output


class AsyncFileOutputTwins:
    """``aread``, the 1.x name of an async file output's ``read``."""

    if TYPE_CHECKING:

        async def read(self) -> bytes: ...

    async def aread(self) -> bytes:
        """The 1.x name of :meth:`read`: the whole file, downloaded now."""
        return await self.read()


class FileOutputTwins:
    """``await output.aread()`` and ``async for chunk in output`` on a sync file output (1.x)."""

    if TYPE_CHECKING:

        def read(self) -> bytes: ...

        def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]: ...

    async def aread(self) -> bytes:
        """The whole file, downloaded in a worker thread (1.x's ``aread``)."""
        return await anyio.to_thread.run_sync(self.read)

    def __aiter__(self) -> AsyncIterator[bytes]:
        return _chunks_in_thread(self.iter_bytes())


async def _chunks_in_thread(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """Each item of ``chunks``, fetched in a worker thread; closes ``chunks`` at the end."""
    sentinel = object()
    try:
        while True:
            chunk: object = await anyio.to_thread.run_sync(next, chunks, sentinel)
            if chunk is sentinel:
                return
            yield cast(bytes, chunk)
    finally:
        close = getattr(chunks, "close", None)
        if callable(close):
            await anyio.to_thread.run_sync(close)
