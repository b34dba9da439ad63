"""Reading the headers and raw body of a web framework's request, as an async/sync pair.

Webhook verification accepts the request object itself. Frameworks differ:
Starlette/FastAPI have ``await request.body()``, Flask ``request.get_data()``,
Django ``request.body``, httpx ``request.content``. Objects are duck-typed, so no
framework is imported. ``_async/`` code calls :meth:`AsyncWebhookRequest.read`;
the generated ``_sync/`` twin calls :meth:`WebhookRequest.read`.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any, Union, cast

from ._exceptions import ArgumentTypeError

__all__ = ["AsyncWebhookRequest", "RequestBody", "WebhookRequest"]

RequestBody = Union[bytes, str]


def _headers(request: object) -> dict[str, str]:
    raw: Any = getattr(request, "headers", None)
    items = getattr(raw, "items", None)
    if not callable(items):
        raise ArgumentTypeError(
            f"expected a request object with .headers (got a {type(request).__name__}); "
            "or pass headers= and body= instead"
        )
    pairs = cast("Iterable[tuple[object, object]]", items())
    return {str(key).lower(): str(value) for key, value in pairs}


def _as_body(value: object, request: object) -> RequestBody:
    if isinstance(value, (bytes, str)):
        return value
    if isinstance(value, bytearray):
        return bytes(value)
    if isinstance(value, memoryview):
        return value.tobytes()
    raise ArgumentTypeError(
        f"the request's body is a {type(value).__name__}, not bytes or text; "
        f"pass body= with the raw body of the {type(request).__name__}"
    )


def _sync_body(request: object) -> object:
    """The body from a sync accessor, or the pending result of ``body()`` (maybe awaitable)."""
    get_data = getattr(request, "get_data", None)
    if callable(get_data):
        return get_data()
    for name in ("body", "content", "data"):
        value = getattr(request, name, None)
        if callable(value):
            return value()
        if value is not None:
            return value
    raise ArgumentTypeError(
        f"cannot find the raw body of a {type(request).__name__} (looked for body(), "
        "get_data(), .body, .content, .data); pass headers= and body= instead"
    )


class AsyncWebhookRequest:
    """Reading a request from async code: ``await request.body()`` is awaited."""

    @staticmethod
    async def read(request: object) -> tuple[dict[str, str], RequestBody]:
        """``(headers with lower-case names, raw body)`` of ``request``."""
        headers = _headers(request)
        body = _sync_body(request)
        if inspect.isawaitable(body):
            body = await body
        return headers, _as_body(body, request)


class WebhookRequest:
    """Reading a request from sync code (Flask, Django, httpx requests)."""

    @staticmethod
    def read(request: object) -> tuple[dict[str, str], RequestBody]:
        """``(headers with lower-case names, raw body)`` of ``request``."""
        headers = _headers(request)
        body = _sync_body(request)
        if inspect.isawaitable(body):
            close = getattr(body, "close", None)
            if callable(close):
                close()  # a coroutine never awaited would warn
            raise ArgumentTypeError(
                f"the {type(request).__name__}'s body must be awaited; verify it with "
                "AsyncReplicate, or pass headers= and body= with the awaited body"
            )
        return headers, _as_body(body, request)
