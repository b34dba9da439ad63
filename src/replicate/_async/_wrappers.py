# unasync: skip
"""``with_raw_response`` / ``with_streaming_response`` for async methods (sync twin by hand).

Written as a pair because the async signatures take ``Awaitable`` results, which no
renaming turns into their sync form. Import them from ``_response``.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from typing_extensions import ParamSpec

from ._response import (
    AsyncAPIResponse,
    AsyncResponseContextManager,
    checked_response,
    with_response_mode,
)

__all__ = ["async_to_raw_response_wrapper", "async_to_streamed_response_wrapper"]

_R = TypeVar("_R")
_P = ParamSpec("_P")


def async_to_raw_response_wrapper(
    method: Callable[_P, Awaitable[_R]],
) -> Callable[_P, Awaitable[AsyncAPIResponse[_R]]]:
    """``method`` changed to return its HTTP answer; ``await response.parse()`` gives the result."""

    @functools.wraps(method)
    async def call_raw(*args: _P.args, **kwargs: _P.kwargs) -> AsyncAPIResponse[_R]:
        response: Any = await method(*args, **with_response_mode(kwargs, "raw"))
        return checked_response(response)

    return call_raw


def async_to_streamed_response_wrapper(
    method: Callable[_P, Awaitable[_R]],
) -> Callable[_P, AsyncResponseContextManager[AsyncAPIResponse[_R]]]:
    """``method`` changed to return a context manager over its HTTP answer, body unread."""

    @functools.wraps(method)
    def call_streamed(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> AsyncResponseContextManager[AsyncAPIResponse[_R]]:
        async def send() -> AsyncAPIResponse[_R]:
            response: Any = await method(*args, **with_response_mode(kwargs, "stream"))
            return checked_response(response)

        return AsyncResponseContextManager(send)

    return call_streamed
