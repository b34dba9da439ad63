"""httpx clients configured the way the SDK needs, for users who pass ``http_client=``.

Subclass or configure them (proxies, transports, limits) and keep the SDK's defaults:
the default timeout, a generous connection pool, and no automatic redirects (a redirect
to another host must not receive the API token).
"""

from __future__ import annotations

from typing import Any

import httpx

from ._core.timeouts import DEFAULT_TIMEOUT

__all__ = [
    "DEFAULT_CONNECTION_LIMITS",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "default_http_client_options",
]

DEFAULT_CONNECTION_LIMITS = httpx.Limits(
    max_connections=100, max_keepalive_connections=20, keepalive_expiry=30.0
)


def default_http_client_options(**overrides: Any) -> dict[str, Any]:
    """Keyword arguments for an httpx client with the SDK's defaults, overridden by ``overrides``."""
    options: dict[str, Any] = {
        "timeout": DEFAULT_TIMEOUT,
        "limits": DEFAULT_CONNECTION_LIMITS,
        "follow_redirects": False,
    }
    options.update(overrides)
    return options


class DefaultHttpxClient(httpx.Client):
    """An ``httpx.Client`` with the SDK's defaults; accepts every ``httpx.Client`` argument.

    Example::

        client = replicate.Replicate(http_client=replicate.DefaultHttpxClient(proxy="http://proxy:8080"))
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**default_http_client_options(**kwargs))


class DefaultAsyncHttpxClient(httpx.AsyncClient):
    """An ``httpx.AsyncClient`` with the SDK's defaults; accepts every ``httpx.AsyncClient`` argument."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**default_http_client_options(**kwargs))


class DefaultAioHttpClient(httpx.AsyncClient):
    """An ``httpx.AsyncClient`` that sends through aiohttp, for higher concurrency.

    Needs the optional dependency: ``pip install 'replicate[aiohttp]'``.

    Example::

        async with replicate.AsyncReplicate(http_client=replicate.DefaultAioHttpClient()) as client:
            ...
    """

    def __init__(self, **kwargs: Any) -> None:
        try:
            from httpx_aiohttp import AiohttpTransport
        except ImportError as error:
            raise ImportError(
                "DefaultAioHttpClient needs the aiohttp extra: pip install 'replicate[aiohttp]'"
            ) from error
        kwargs.setdefault("transport", AiohttpTransport())
        super().__init__(**default_http_client_options(**kwargs))
