"""httpx clients configured the way the SDK needs, for users who pass ``http_client=``.

Subclass or configure them (proxies, transports, limits) and keep the SDK's defaults:
the default timeout, a generous connection pool, and no automatic redirects (a redirect
to another host must not receive the API token).
"""

from __future__ import annotations

import functools
import os
import ssl
from collections.abc import Mapping
from typing import Any, cast

import httpx

from ._core.timeouts import DEFAULT_TIMEOUT
from ._exceptions import ArgumentTypeError, MissingDependencyError

__all__ = [
    "DEFAULT_CONNECTION_LIMITS",
    "DefaultAioHttpClient",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "async_http_client_for",
    "default_http_client_options",
]

DEFAULT_CONNECTION_LIMITS = httpx.Limits(
    max_connections=100, max_keepalive_connections=20, keepalive_expiry=30.0
)


def default_ssl_context() -> ssl.SSLContext:
    """The TLS settings of every client that does not set ``verify=``, made once per process.

    Loading the CA certificates takes tens of milliseconds, which httpx would otherwise
    spend on each new client. ``SSL_CERT_FILE`` and ``SSL_CERT_DIR`` are honoured as
    httpx honours them; a change to either makes a new context.
    """
    return _ssl_context(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@functools.lru_cache(maxsize=4)
def _ssl_context(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    del cert_file, cert_dir  # the cache key: httpx reads them from the environment
    return httpx.create_ssl_context()


def default_http_client_options(**overrides: Any) -> dict[str, Any]:
    """Keyword arguments for an httpx client with the SDK's defaults, overridden by ``overrides``.

    Unless ``verify=`` (or ``trust_env=False``) is given, the client gets the shared
    :func:`default_ssl_context`.
    """
    options: dict[str, Any] = {
        "timeout": DEFAULT_TIMEOUT,
        "limits": DEFAULT_CONNECTION_LIMITS,
        "follow_redirects": False,
    }
    if "verify" not in overrides and overrides.get("trust_env", True):
        options["verify"] = default_ssl_context()
    options.update(overrides)
    return options


class DefaultHttpxClient(httpx.Client):
    """An ``httpx.Client`` with the SDK's defaults; accepts every ``httpx.Client`` argument.

    Example::

        client = replicate.Replicate(http_client=replicate.DefaultHttpxClient(proxy="http://proxy:8080"))
    """

    def __init__(self, **kwargs: Any) -> None:
        options = default_http_client_options(**kwargs)
        super().__init__(**options)
        self.replicate_options: Mapping[str, Any] = options
        """What it was built with: the sync client's async methods build their twin from it."""


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
            raise MissingDependencyError(
                "DefaultAioHttpClient needs the aiohttp extra: pip install 'replicate[aiohttp]'"
            ) from error
        kwargs.setdefault("transport", AiohttpTransport())
        super().__init__(**default_http_client_options(**kwargs))


def _dual_transport(transport: object) -> bool:
    """Whether ``transport`` can serve an async client too (e.g. ``httpx.MockTransport``)."""
    return isinstance(transport, httpx.AsyncBaseTransport)


def async_http_client_for(
    sync_client: httpx.Client, options: Mapping[str, Any] | None
) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` that sends the way ``sync_client`` does.

    ``options`` are the keyword arguments ``sync_client`` was built with when the SDK
    built it (proxy, verify, limits, transport, ...): the async client gets the same.
    A client the user built is matched when its transports (and mounts) can also serve
    async requests, as ``httpx.MockTransport`` and the emulator's transports can; its
    headers, cookies, timeout, redirect policy and auth are carried over.

    Raises:
        TypeError: no async equivalent can be derived; the message says to pass
            ``async_http_client=``.
    """
    if options is None and isinstance(sync_client, DefaultHttpxClient):
        options = sync_client.replicate_options
    if options is not None:
        transport = options.get("transport")
        mounts: Mapping[str, object] = options.get("mounts") or {}
        unusable = [
            name
            for name, value in (("transport", transport), *mounts.items())
            if value is not None and not _dual_transport(value)
        ]
        if not unusable:
            return httpx.AsyncClient(**options)
        reason = f"its {', '.join(unusable)} only serves sync requests"
    else:
        transport = getattr(sync_client, "_transport", None)
        mounts = getattr(sync_client, "_mounts", None) or {}
        hooks = sync_client.event_hooks
        mounted = [value for value in mounts.values() if value is not None]
        if hooks["request"] or hooks["response"]:
            reason = "its event hooks are sync functions"
        elif _dual_transport(transport) and all(_dual_transport(value) for value in mounted):
            return httpx.AsyncClient(
                transport=cast(httpx.AsyncBaseTransport, transport),
                mounts={
                    str(getattr(key, "pattern", key)): cast(httpx.AsyncBaseTransport, value)
                    for key, value in mounts.items()
                }
                if mounted
                else None,
                headers=sync_client.headers,
                cookies=sync_client.cookies,
                timeout=sync_client.timeout,
                follow_redirects=sync_client.follow_redirects,
                auth=sync_client.auth,
                trust_env=sync_client.trust_env,
            )
        else:
            reason = f"its transport ({type(transport).__name__}) only serves sync requests"
    raise ArgumentTypeError(
        f"The async methods of this client cannot send the way its http_client does: {reason}. "
        "Pass async_http_client=httpx.AsyncClient(...) configured the same way "
        "(or use replicate.AsyncReplicate for async code)"
    )
