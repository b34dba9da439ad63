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
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, cast

import pydantic

if TYPE_CHECKING:
    from ._async._client import AsyncReplicate
    from ._async._objects import AsyncModelVersion, AsyncPrediction, AsyncTraining, ProgressCallback
    from ._async._use import AsyncFunction
    from ._core.refs import RefLike
    from ._core.sse import ServerSentEvent
    from ._sync._transport import Transport

__all__ = [
    "AsyncClientTwins",
    "AwaitableFunction",
    "AsyncModelVersionTwins",
    "AsyncPredictionTwins",
    "AsyncTrainingTwins",
    "ClientTwins",
    "ModelVersionTwins",
    "PredictionTwins",
    "TrainingTwins",
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
    """``async_run`` and ``async_stream`` on the sync client, as in 1.x."""

    if TYPE_CHECKING:
        _transport: Transport

    @functools.cached_property
    def _async_twin(self) -> AsyncReplicate:
        """An async client with this client's token, base URL, timeout, retries and defaults."""
        from ._async._client import AsyncReplicate

        config = self._transport.config
        return AsyncReplicate(
            bearer_token=config.bearer_token,
            base_url=config.base_url,
            timeout=config.timeout,
            max_retries=config.max_retries,
            default_headers=dict(config.default_headers),
            default_query=dict(config.default_query),
        )

    def _awaitable_use(self, ref: RefLike, *, streaming: bool) -> AsyncFunction:
        """``use(..., use_async=True)``: the model as an async function on the async twin."""
        return self._async_twin.use(ref, streaming=streaming)

    async def async_run(
        self, ref: Any, input: Optional[Mapping[str, Any]] = None, **kwargs: Any
    ) -> Any:
        """``run`` for async code: the same arguments, awaited (1.x ``client.async_run``)."""
        return await self._async_twin.run(ref, input, **kwargs)

    async def async_stream(
        self, ref: Any, input: Optional[Mapping[str, Any]] = None, **kwargs: Any
    ) -> AsyncIterator[ServerSentEvent]:
        """``stream`` for async code (1.x ``client.async_stream``).

        Example::

            async for event in await client.async_stream("meta/meta-llama-3-8b-instruct",
                                                         input={"prompt": "hi"}):
                print(str(event), end="")
        """
        return self._async_twin.stream(ref, input, **kwargs)


def _twin(obj: object, cls: type[_AsyncT]) -> _AsyncT:
    """An async copy of the sync object ``obj``, bound to its client's async twin."""
    from ._async._objects import rebind

    client = getattr(obj, "_client", None)
    if client is None:
        raise RuntimeError(
            f"This {type(obj).__name__.lower()} is not attached to a client; "
            "get it from a client to call methods on it"
        )
    twin_client = cast("AsyncReplicate", getattr(client, "_async_twin"))  # noqa: B009
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
