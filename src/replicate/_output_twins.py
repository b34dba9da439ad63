"""What outputs do in async code, written by hand as async/sync pairs.

``AsyncRunOutputs.finish`` / ``RunOutputs.finish``: the last step of ``run``. 1.x's
``async_run`` returned an async iterator for a model whose output schema is an iterator
(``x-cog-array-type: iterator``), such as a language model's tokens, and code written
for it does ``async for token in output``. Async ``run`` returns a list output as an
:class:`AsyncOutputList`, a list that ``async for`` also walks (for any list output, so
no schema has to be fetched); sync ``run`` returns it unchanged.

The async reads of a sync ``FileOutput``:

1.x had one ``FileOutput`` for both worlds: ``output.read()`` and ``await
output.aread()``, ``for chunk in output`` and ``async for chunk in output``. Here the
sync ``FileOutput`` is generated from ``AsyncFileOutput`` by renaming, which turns its
``aread`` and ``__aiter__`` into sync methods. So ``AsyncFileOutput`` mixes in
``AsyncFileOutputTwins`` (``aread``, the 1.x name of ``read``) and the generated
``FileOutput`` gets ``FileOutputTwins`` by the ``AsyncX`` → ``X`` rename, whose
``aread`` and ``async for`` run the sync download in a worker thread, so the event loop
is never blocked and the download goes through the client the output came from.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, cast

import anyio.to_thread

__all__ = [
    "AsyncFileOutputTwins",
    "AsyncOutputList",
    "AsyncRunOutputs",
    "FileOutputTwins",
    "RunOutputs",
]


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
