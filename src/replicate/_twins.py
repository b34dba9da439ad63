"""The 1.x ``async_*`` methods of sync objects, written by hand as async/sync pairs.

In 1.x one client served both worlds: ``prediction.async_wait()``,
``client.async_run(...)``. Here the sync ``Replicate`` and its objects are generated
from the async code by renaming, which cannot produce an async method on a sync
class. So each class of ``_async/`` mixes in ``AsyncXTwins`` (empty: async objects'
own methods are awaitable) and the generated sync class gets ``XTwins`` by the
``AsyncX`` → ``X`` rename, which holds the ``async_*`` methods. They run on an async
client that the sync client builds on first use with the same settings
(``Replicate._async_twin``).
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, cast

import httpx
import pydantic
from typing_extensions import Unpack

from ._exceptions import ArgumentTypeError, ClientStateError

if TYPE_CHECKING:
    from ._async._client import AsyncReplicate
    from ._async._objects import AsyncModelVersion, AsyncPrediction, AsyncTraining, ProgressCallback
    from ._async._pagination import AsyncCursorURLPage
    from ._async._run import ModelRefArg, RunParams, StreamParams
    from ._async._use import AsyncFunction
    from ._async_side import AsyncSide
    from ._core.refs import RefLike
    from ._core.sse import ServerSentEvent
    from ._sync._transport import Transport

__all__ = [
    "AsyncClientTwins",
    "AsyncResourceTwins",
    "AwaitableEventStream",
    "AwaitableFunction",
    "AsyncModelVersionTwins",
    "AsyncPredictionTwins",
    "AsyncTrainingTwins",
    "ClientTwins",
    "ModelVersionTwins",
    "PredictionTwins",
    "ResourceTwins",
    "TrainingTwins",
    "to_sync",
]

_AsyncT = TypeVar("_AsyncT", bound=pydantic.BaseModel)

if TYPE_CHECKING:
    # What ``use(..., use_async=True)`` returns from either client, under a name that
    # the sync code generation leaves alone.
    AwaitableFunction = AsyncFunction


class AsyncClientTwins:
    """The async client's own methods are awaitable; ``use_async=`` has nothing to switch."""

    def _awaitable_use(self, ref: RefLike, *, streaming: bool) -> AsyncFunction:
        from ._async._use import use

        return use(cast("AsyncReplicate", self), ref, streaming=streaming)


class AsyncPredictionTwins:
    """Nothing to add: an async prediction's own methods are awaitable."""


class AsyncTrainingTwins:
    """Nothing to add: an async training's own methods are awaitable."""


class AsyncModelVersionTwins:
    """Nothing to add: an async version's own methods are awaitable."""


class ClientTwins:
    """The async side of the sync client: ``async_run``, ``async_stream``, ``async_close``.

    Every async method of a sync client and of its objects runs on
    ``self._async_client()``: an ``AsyncReplicate`` with this client's configuration,
    one per running event loop (see ``replicate._async_side``).
    """

    if TYPE_CHECKING:
        _transport: Transport
        _http_options: dict[str, Any] | None
        _community_models: set[str]

    _given_async_http_client: Optional[httpx.AsyncClient] = None
    _shared_async_side: Optional[AsyncSide] = None

    def _keep_async_http_client(self, async_http_client: Optional[httpx.AsyncClient]) -> None:
        given = cast(object, async_http_client)  # checked at run time: callers may not be typed
        if given is not None and not isinstance(given, httpx.AsyncClient):
            raise ArgumentTypeError(
                f"async_http_client must be an httpx.AsyncClient, got {type(given).__name__}"
            )
        self._given_async_http_client = async_http_client

    def _share_async_side(self, other: object) -> None:
        self._given_async_http_client = getattr(other, "_given_async_http_client", None)

    @functools.cached_property
    def _async_side(self) -> AsyncSide:
        from ._async_side import AsyncSide
        from ._http_client import async_http_client_for

        http_client = self._transport.http_client
        options = self._http_options
        return AsyncSide(
            self._transport.config,
            make_http_client=lambda: async_http_client_for(http_client, options),
            given_http_client=self._given_async_http_client,
            community_models=self._community_models,
        )

    def _async_client(self) -> AsyncReplicate:
        """The async client of the running event loop, with this client's configuration."""
        client = self._async_side.client()
        # Set on the client at any time (1.x), so passed on at each call.
        client._poll_interval = getattr(self, "_poll_interval", None)  # pyright: ignore[reportPrivateUsage]
        return client

    def _close_async_side(self) -> None:
        side = self.__dict__.get("_async_side")
        if side is not None:
            cast("AsyncSide", side).close()

    async def async_close(self) -> None:
        """Close the connections of the async methods too (``close`` does this where it can)."""
        side = self.__dict__.get("_async_side")
        if side is not None:
            await cast("AsyncSide", side).aclose()

    def _awaitable_use(self, ref: RefLike, *, streaming: bool) -> AsyncFunction:
        """``use(..., use_async=True)``: the model as an async function on the async side."""
        from ._async._use import AsyncFunction

        side = self._async_side

        class LoopFunction(AsyncFunction):
            """Runs on the async client of whichever event loop calls it."""

            @property
            def _client(self) -> AsyncReplicate:
                return side.client()

            @_client.setter
            def _client(self, value: object) -> None:
                del value  # the client is the calling loop's, looked up on each use

        return LoopFunction(cast("AsyncReplicate", None), ref, streaming=streaming)

    async def async_run(
        self,
        ref: Optional[ModelRefArg] = None,
        input: Optional[Mapping[str, object]] = None,
        **params: Unpack[RunParams],
    ) -> Any:
        """``run`` for async code: the same arguments, awaited (1.x ``client.async_run``).

        Output files come back as :class:`~replicate.FileOutput` objects of this client.
        """
        from ._primitives import AsyncRunOutputs

        output = await self._async_client().run(ref, input, **params)
        return AsyncRunOutputs.finish(to_sync(output, self))

    def async_stream(
        self,
        ref: Optional[ModelRefArg] = None,
        input: Optional[Mapping[str, object]] = None,
        **params: Unpack[StreamParams],
    ) -> AwaitableEventStream:
        """``stream`` for async code (1.x ``client.async_stream``).

        Iterate it with ``async for``, awaited first as 1.x code does or not.

        Example::

            async for event in await client.async_stream("meta/meta-llama-3-8b-instruct",
                                                         input={"prompt": "hi"}):
                print(str(event), end="")
        """
        return AwaitableEventStream(self._async_client().stream(ref, input, **params))


class AwaitableEventStream(AsyncIterator["ServerSentEvent"]):
    """Server-sent events to ``async for``, directly or after ``await`` (as 1.x code does)."""

    def __init__(self, events: AsyncIterator[ServerSentEvent]) -> None:
        self._events = events

    def __aiter__(self) -> AwaitableEventStream:
        return self

    async def __anext__(self) -> ServerSentEvent:
        return await self._events.__anext__()

    def __await__(self) -> Generator[Any, None, AwaitableEventStream]:
        return self._itself().__await__()

    async def _itself(self) -> AwaitableEventStream:
        return self

    async def aclose(self) -> None:
        """Stop reading the stream and close its connection."""
        close = getattr(self._events, "aclose", None)
        if close is not None:
            await close()


class AsyncResourceTwins:
    """1.x's ``async_`` names on the async client's resources: ``async_get`` is ``get``."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("async_"):
            method = getattr(type(self), name[len("async_") :], None)
            if callable(method):
                return getattr(self, name[len("async_") :])
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


class ResourceTwins:
    """``async_<method>`` for every method of a sync resource, as 1.x had.

    ``await replicate.models.async_get("o/n")`` runs the async twin of the resource on
    the client's async side and hands back objects of the sync client (whose own
    ``async_*`` methods then work too).
    """

    if TYPE_CHECKING:
        _client: Any

    def __getattr__(self, name: str) -> Any:
        if name.startswith("async_"):
            method_name = name[len("async_") :]
            if callable(getattr(type(self), method_name, None)):
                return self._async_method(method_name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _async_method(self, method_name: str) -> Callable[..., Awaitable[Any]]:
        resource = self
        sync_client = self._client

        async def call(*args: Any, **kwargs: Any) -> Any:
            twin = _async_resource(resource, sync_client._async_client())
            result = getattr(twin, method_name)(*args, **kwargs)
            if inspect.isawaitable(result):
                result = await result
            return to_sync(result, sync_client)

        call.__name__ = call.__qualname__ = f"async_{method_name}"
        call.__doc__ = f"``{method_name}`` for async code: the same arguments, awaited."
        return call


def _async_resource(resource: object, client: object) -> Any:
    """The async twin of the sync resource ``resource``, on the async client ``client``."""
    twin_cls = _counterpart(type(resource), to_async=True)
    if twin_cls is None:
        raise AttributeError(f"{type(resource).__name__} has no async twin")
    twin = cast(Any, twin_cls).__new__(twin_cls)
    for key, value in vars(resource).items():
        if isinstance(value, (str, int, float, bool, type(None), tuple)):
            twin.__dict__[key] = value  # e.g. the owner and name of a model's versions
    twin.__dict__["_client"] = client
    return twin


def _counterpart(cls: type, *, to_async: bool) -> Optional[type]:
    """The class the code generation made of ``cls`` in the other world (``AsyncX`` ↔ ``X``)."""
    if to_async:
        source, target, name = "replicate._sync", "replicate._async", "Async" + cls.__name__
    elif cls.__name__.startswith("Async"):
        source, target, name = "replicate._async", "replicate._sync", cls.__name__[len("Async") :]
    else:
        return None
    if not cls.__module__.startswith(source):
        return None
    found = getattr(importlib.import_module(cls.__module__.replace(source, target, 1)), name, None)
    return found if isinstance(found, type) else None


def to_sync(value: object, client: Any) -> Any:
    """What an async method returned, as the sync client's objects.

    Async API objects become their sync classes bound to ``client`` (so ``wait()`` and
    ``async_wait()`` both work on them, as on 1.x's objects), file outputs become
    :class:`~replicate.FileOutput`, and a page keeps iterating asynchronously while
    its items are converted. Anything else is returned as it is.
    """
    from ._async._file_output import AsyncFileOutput
    from ._async._pagination import AsyncCursorURLPage

    if isinstance(value, pydantic.BaseModel):
        sync_cls = _counterpart(type(value), to_async=False)
        if sync_cls is not None and issubclass(sync_cls, pydantic.BaseModel):
            from ._sync._objects import rebind

            return rebind(sync_cls, value, client)
        return value
    if isinstance(value, AsyncFileOutput):
        from ._sync._file_output import FileOutput

        return FileOutput(value.url, client)
    if isinstance(value, list):
        return [to_sync(item, client) for item in cast("list[object]", value)]
    if isinstance(value, dict):
        entries = cast("dict[object, object]", value)
        return {key: to_sync(item, client) for key, item in entries.items()}
    if isinstance(value, AsyncCursorURLPage):
        return _sync_items_page(cast("AsyncCursorURLPage[object]", value), client)
    return value


def _sync_items_page(page: AsyncCursorURLPage[object], client: Any) -> AsyncCursorURLPage[object]:
    load = page._load_page  # pyright: ignore[reportPrivateUsage]

    async def load_page(url: str) -> Any:
        assert load is not None
        return _sync_items_page(await load(url), client)

    converted = type(page)(
        results=[to_sync(item, client) for item in page.results],
        next=page.next,
        previous=page.previous,
        load_page=load_page if load is not None else None,
    )
    converted._iterates_following_pages = page._iterates_following_pages  # pyright: ignore[reportPrivateUsage]
    return converted


def _twin(obj: object, cls: type[_AsyncT]) -> _AsyncT:
    """An async copy of the sync object ``obj``, bound to its client's async twin."""
    from ._async._objects import rebind

    client = getattr(obj, "_client", None)
    if client is None:
        raise ClientStateError(
            f"This {type(obj).__name__.lower()} is not attached to a client; "
            "get it from a client to call methods on it"
        )
    twin_client = cast("AsyncReplicate", client._async_client())
    return rebind(cls, cast(pydantic.BaseModel, obj), twin_client)


def _update(obj: object, twin: pydantic.BaseModel) -> None:
    from ._async._objects import copy_state

    copy_state(cast(pydantic.BaseModel, obj), twin)


class _JobTwins:
    """``async_reload``, ``async_cancel`` and ``async_wait``: what predictions and trainings share."""

    def _async_copy(self) -> AsyncPrediction | AsyncTraining:
        raise NotImplementedError

    async def async_reload(self) -> None:
        """``reload`` for async code."""
        twin = self._async_copy()
        await twin.reload()
        _update(self, twin)

    async def async_cancel(self) -> None:
        """``cancel`` for async code."""
        twin = self._async_copy()
        await twin.cancel()
        _update(self, twin)

    async def async_wait(
        self, *, timeout: Optional[float] = None, progress: Optional[ProgressCallback] = None
    ) -> None:
        """``wait`` for async code."""
        twin = self._async_copy()
        try:
            await twin.wait(timeout=timeout, progress=progress)
        finally:
            _update(self, twin)


class PredictionTwins(_JobTwins):
    """``async_wait``, ``async_reload``, ``async_cancel`` and ``async_stream`` (1.x)."""

    def _async_copy(self) -> AsyncPrediction:
        from ._async._objects import AsyncPrediction

        return _twin(self, AsyncPrediction)

    async def async_stream(self) -> AsyncIterator[ServerSentEvent]:
        """``stream`` for async code."""
        twin = self._async_copy()
        try:
            async for event in twin.stream():
                yield event
        finally:
            _update(self, twin)


class TrainingTwins(_JobTwins):
    """``async_wait``, ``async_reload`` and ``async_cancel`` (1.x)."""

    def _async_copy(self) -> AsyncTraining:
        from ._async._objects import AsyncTraining

        return _twin(self, AsyncTraining)


class ModelVersionTwins:
    """``async_predict`` (1.x)."""

    async def async_predict(self, **input: Any) -> Any:
        """``predict`` for async code."""
        from ._async._objects import AsyncModelVersion

        twin: AsyncModelVersion = _twin(self, AsyncModelVersion)
        return await twin.predict(**input)
