"""Running a few calls at once, written by hand as an async/sync pair.

``_async/`` code calls :meth:`AsyncBoundedMap.run`; its generated ``_sync/`` twin calls
:meth:`BoundedMap.run` (the ``AsyncX`` → ``X`` rename), which uses threads.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import anyio

from ._exceptions import InvalidArgumentError

__all__ = ["AsyncBoundedMap", "BoundedMap"]

_T = TypeVar("_T")
_R = TypeVar("_R")


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise InvalidArgumentError(f"limit must be at least 1; got {limit}")


class AsyncBoundedMap:
    """Apply an async function to items, at most ``limit`` at a time, results in order."""

    @staticmethod
    async def run(
        function: Callable[[_T], Awaitable[_R]], items: Sequence[_T], *, limit: int
    ) -> list[_R]:
        """``[await function(item) for item in items]``, overlapped; the first error cancels the rest."""
        _check_limit(limit)
        if len(items) <= 1:
            return [await function(item) for item in items]
        results: dict[int, _R] = {}
        limiter = anyio.CapacityLimiter(limit)

        async def one(index: int, item: _T) -> None:
            async with limiter:
                results[index] = await function(item)

        async with anyio.create_task_group() as group:
            for index, item in enumerate(items):
                group.start_soon(one, index, item)
        return [results[index] for index in range(len(items))]


class BoundedMap:
    """Apply a function to items in threads, at most ``limit`` at a time, results in order."""

    @staticmethod
    def run(function: Callable[[_T], _R], items: Sequence[_T], *, limit: int) -> list[_R]:
        """``[function(item) for item in items]``, overlapped; the first error is raised."""
        _check_limit(limit)
        if len(items) <= 1:
            return [function(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(limit, len(items))) as pool:
            futures = [pool.submit(function, item) for item in items]
            try:
                return [future.result() for future in futures]
            finally:
                for future in futures:
                    future.cancel()
