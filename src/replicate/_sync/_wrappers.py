"""``with_raw_response`` / ``with_streaming_response`` for sync methods (async twin by hand).

The hand-written twin of ``replicate._async._wrappers``. Import them from ``_response``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from typing_extensions import ParamSpec

from ._response import APIResponse, ResponseContextManager, checked_response, with_response_mode

__all__ = ["to_raw_response_wrapper", "to_streamed_response_wrapper"]

_R = TypeVar("_R")
_P = ParamSpec("_P")


def to_raw_response_wrapper(method: Callable[_P, _R]) -> Callable[_P, APIResponse[_R]]:
    """``method`` changed to return its HTTP answer; ``response.parse()`` gives the result."""

    @functools.wraps(method)
    def call_raw(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_R]:
        response: Any = method(*args, **with_response_mode(kwargs, "raw"))
        return checked_response(response)

    return call_raw


def to_streamed_response_wrapper(
    method: Callable[_P, _R],
) -> Callable[_P, ResponseContextManager[APIResponse[_R]]]:
    """``method`` changed to return a context manager over its HTTP answer, body unread."""

    @functools.wraps(method)
    def call_streamed(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> ResponseContextManager[APIResponse[_R]]:
        def send() -> APIResponse[_R]:
            response: Any = method(*args, **with_response_mode(kwargs, "stream"))
            return checked_response(response)

        return ResponseContextManager(send)

    return call_streamed
