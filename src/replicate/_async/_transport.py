"""The one way requests leave the client: build, authenticate, send, retry, map failures.

One transport per client, one httpx client per transport (copies made with
``with_options`` share it, and with it the connection pool). Everything that varies
per client (headers, base URL) is computed once here, not per request.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any, cast

import httpx

from .. import _primitives
from .._core.config import ClientConfig, user_agent
from .._core.errors import make_status_error
from .._core.json_values import json_value_error
from .._core.redact import redact_headers
from .._core.request import NO_BODY, RequestParts
from .._core.retry import (
    Backoff,
    classify_failure,
    parse_retry_after,
    retry_delay,
    should_retry_failure,
    should_retry_status,
)
from .._core.timeouts import timeout_for_hold, whole_response_limit
from .._exceptions import APIConnectionError, APITimeoutError, MissingAPITokenError
from .._logs import logger
from .._types import NOT_GIVEN, NotGiven, Timeout

__all__ = ["MAX_REDIRECTS", "AsyncTransport"]

MAX_REDIRECTS = 20
"""Redirects followed by :meth:`AsyncTransport.open` before giving up."""


class AsyncTransport:
    """Sends requests for one client through its httpx client, retrying where it is safe."""

    http_client: httpx.AsyncClient
    owns_http_client: bool
    backoff: Backoff

    def __init__(
        self,
        config: ClientConfig,
        *,
        http_client: httpx.AsyncClient,
        owns_http_client: bool,
        backoff: Backoff | None = None,
        make_http_client: Callable[[], httpx.AsyncClient] | None = None,
    ) -> None:
        self.config = config
        self.http_client = http_client
        self.owns_http_client = owns_http_client
        self.make_http_client = make_http_client
        """Builds a pool like ``http_client`` for another event loop (``None``: it was given)."""
        self.loop: object = None
        self.backoff = backoff or Backoff()
        self._base_url = str(config.base_url)
        self._api_origin = _origin(config.base_url)
        self._headers: dict[str, str] = {
            "User-Agent": user_agent(),
            "Accept": "application/json",
            **config.default_headers,
        }
        self._auth_headers: dict[str, str] = (
            {"Authorization": f"Bearer {config.bearer_token}"} if config.bearer_token else {}
        )
        self._random = random.Random()
        # The constant headers merged with the httpx client's own, for the API host and for
        # others, with the client's headers they were made from; rebuilt when those change
        # (see ``_base_headers``).
        self._header_cache: (
            tuple[list[tuple[bytes, bytes]], httpx.Headers, httpx.Headers] | None
        ) = None
        self._default_timeout_extension = {"timeout": config.timeout.as_dict()}
        # Requests are built here, as ``build_request`` would, unless a subclass changed it.
        self._builds_requests = type(http_client).build_request is httpx.AsyncClient.build_request

    def url_for(self, url: str) -> httpx.URL:
        """The absolute URL of an API path (``/predictions``) or of an absolute URL as given."""
        if url.startswith(("http://", "https://")):
            return _parse_url(url)
        return _parse_url(self._base_url + "/" + url.lstrip("/"))

    def is_api_url(self, url: httpx.URL) -> bool:
        """Whether ``url`` is on the API host, the only place the token may be sent."""
        return _origin(url) == self._api_origin

    def build(self, parts: RequestParts, *, trusted: bool = True) -> httpx.Request:
        """The httpx request for ``parts``, with credentials only for the API host.

        With ``trusted=False`` the request carries no credentials wherever it goes
        (a redirect chain that has left the API origin), and none are required.
        """
        url = self.url_for(parts.url)
        on_api_host = trusted and self.is_api_url(url)
        if (
            on_api_host
            and not self._auth_headers
            and not _has_header(parts.headers, "authorization")
        ):
            raise MissingAPITokenError()
        params: dict[str, Any] = (
            {**self.config.default_query, **parts.params} if on_api_host else dict(parts.params)
        )
        prefer = _header(parts.headers, "prefer") if parts.headers else None
        if isinstance(parts.timeout, NotGiven) and prefer is None:
            extensions = self._default_timeout_extension
        else:
            timeout = self.config.timeout if isinstance(parts.timeout, NotGiven) else parts.timeout
            if not isinstance(timeout, httpx.Timeout):
                timeout = httpx.Timeout(timeout)
            extensions = {"timeout": timeout_for_hold(timeout, prefer).as_dict()}
        client = self.http_client
        if not self._builds_requests or client.params or client.cookies:
            headers = dict(self._headers)
            if on_api_host:
                headers.update(self._auth_headers)
            headers.update(parts.headers)
            request = client.build_request(
                parts.method,
                url,
                params=params or None,
                headers=headers,
                json=None if parts.json is NO_BODY else parts.json,
                content=parts.content,
                data=parts.data,
                # Validated by httpx, which names the bad field; no need to restate its types.
                files=cast(Any, parts.files),
                extensions=dict(extensions),
            )
            if not on_api_host and not _has_header(parts.headers, "authorization"):
                # Also an Authorization default set on a caller's own httpx client.
                request.headers.pop("Authorization", None)
            return request
        # What ``build_request`` does for an absolute URL on a client without default
        # query parameters or cookies, minus merging the same constant headers anew for
        # every request: a sizeable share of a request's CPU time.
        base_headers = self._base_headers(on_api_host)
        if parts.headers:
            base_headers = base_headers.copy()
            base_headers.update(parts.headers)
        return httpx.Request(
            parts.method,
            url,
            params=params or None,
            headers=base_headers,
            json=None if parts.json is NO_BODY else parts.json,
            content=parts.content,
            data=parts.data,
            files=cast(Any, parts.files),
            extensions=dict(extensions),
        )

    def _base_headers(self, on_api_host: bool) -> httpx.Headers:
        """The httpx client's headers, then this client's (with the token for the API host).

        Built into new objects and published with one assignment, so that a thread
        reading them while another rebuilds them sees either the old set or the new
        one, never a half-made one (without the token).
        """
        cached = self._header_cache
        seen = self.http_client.headers.raw
        if cached is None or cached[0] != seen:
            api = httpx.Headers(self.http_client.headers)
            api.update(self._headers)
            other = api.copy()
            # Also an Authorization default set on a caller's own httpx client.
            other.pop("Authorization", None)
            api.update(self._auth_headers)
            cached = (seen, api, other)
            self._header_cache = cached
        return cached[1] if on_api_host else cached[2]

    async def send(self, parts: RequestParts, *, stream: bool = False) -> httpx.Response:
        """Send ``parts`` and return the successful answer, or raise the mapped error.

        With ``stream`` the body is left unread for the caller, who must close the response.
        """
        try:
            request = self.build(parts)
        except TypeError as error:
            if parts.json is NO_BODY:
                raise
            raise json_value_error(parts.json) from error
        return await self.send_request(request, replay_safe=parts.replay_safe, stream=stream)

    async def open(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> httpx.Response:
        """GET any URL (an event stream, an output file) and return the unread response.

        The caller reads and closes the response. Redirects are followed here one hop
        at a time, so that each hop decides afresh whether it may carry the token: only
        while every URL so far is on the API origin. Retries, logs and errors are those
        of every other request.

        Raises:
            APIStatusError: the server answered with an error status.
            APIConnectionError: no answer, or more than :data:`MAX_REDIRECTS` redirects.
        """
        current = self.url_for(url)
        trusted = self.is_api_url(current)
        hops = 0
        while True:
            parts = RequestParts("GET", str(current), headers=headers or {}, timeout=timeout)
            request = self.build(parts, trusted=trusted)
            response = await self.send_request(
                request, replay_safe=True, stream=True, redirects=False
            )
            if not response.has_redirect_location:
                return response
            await response.aclose()
            if hops == MAX_REDIRECTS:
                raise APIConnectionError(
                    request=request,
                    message=f"GET {self.url_for(url).copy_with(query=None)} was redirected "
                    f"more than {MAX_REDIRECTS} times",
                )
            hops += 1
            current = current.join(response.headers["location"])
            trusted = trusted and self.is_api_url(current)

    async def send_request(
        self,
        request: httpx.Request,
        *,
        replay_safe: bool,
        stream: bool = False,
        redirects: bool | None = None,
    ) -> httpx.Response:
        """Send a built request with retries (see ``replicate._core.retry``).

        ``redirects=False`` returns a redirect as it is; by default the httpx
        client's own setting applies. Off the API host, an ``auth`` set on the httpx
        client is not used.
        """
        _primitives.AsyncLoopGuard.check(self)
        max_retries = self.config.max_retries
        follow: Any = httpx.USE_CLIENT_DEFAULT if redirects is None else redirects
        auth: Any = (
            httpx.USE_CLIENT_DEFAULT
            if self.http_client.auth is None or self.is_api_url(request.url)
            else None
        )
        limit = None if stream else whole_response_limit(request.extensions.get("timeout"))
        attempt = 0
        while True:
            _log_request(request, attempt)
            started = time.monotonic()
            try:
                response = await self.http_client.send(
                    request, stream=True, follow_redirects=follow, auth=auth
                )
                if not stream:
                    await _read_whole(response, None if limit is None else started + limit)
            except httpx.TransportError as error:
                kind = classify_failure(error)
                if attempt < max_retries and should_retry_failure(kind, replay_safe=replay_safe):
                    await self._wait_before_retry(
                        request, attempt, reason=type(error).__name__, retry_after=None
                    )
                    attempt += 1
                    continue
                raise _connection_error(error, request) from error
            _log_response(response, time.monotonic() - started)
            if response.status_code < 400:
                return response
            if attempt < max_retries and should_retry_status(
                response.status_code, response.headers, replay_safe=replay_safe
            ):
                retry_after = parse_retry_after(response.headers, now=time.time())
                await response.aclose()
                await self._wait_before_retry(
                    request, attempt, reason=str(response.status_code), retry_after=retry_after
                )
                attempt += 1
                continue
            try:
                content = await response.aread()
            except httpx.TransportError:
                content = b""
            raise make_status_error(response, content, creates=not replay_safe)

    def renew_pool(self) -> bool:
        """A new connection pool for a new event loop, if this transport builds its own.

        The old one belongs to a loop that can no longer close it; it is dropped.
        """
        if self.make_http_client is None or not self.owns_http_client:
            return False
        self.http_client = self.make_http_client()
        self._header_cache = None
        return True

    async def close(self) -> None:
        """Close the connection pool, if this transport created it.

        A pool whose event loop has already closed is dropped: its connections went with it.
        """
        if self.owns_http_client and _primitives.AsyncLoopGuard.closable(self):
            await self.http_client.aclose()

    async def _wait_before_retry(
        self, request: httpx.Request, attempt: int, *, reason: str, retry_after: float | None
    ) -> None:
        delay = retry_delay(
            attempt, retry_after=retry_after, backoff=self.backoff, random=self._random.random
        )
        logger.info(
            "Retrying %s %s in %.2fs after %s (retry %d of %d)",
            request.method,
            request.url.copy_with(query=None),
            delay,
            reason,
            attempt + 1,
            self.config.max_retries,
        )
        await _primitives.async_sleep(delay)


async def _read_whole(response: httpx.Response, ends_at: float | None) -> None:
    """Read the body of ``response``, ending with ``ReadTimeout`` once ``ends_at`` passes."""
    if ends_at is not None:
        response.stream = _LimitedBody(
            cast("httpx.AsyncByteStream", response.stream), response.request, ends_at
        )
    try:
        await response.aread()
    except BaseException:
        await response.aclose()
        raise


class _LimitedBody(httpx.AsyncByteStream):
    """A response body that raises ``httpx.ReadTimeout`` once ``ends_at`` (monotonic) passes."""

    def __init__(self, body: httpx.AsyncByteStream, request: httpx.Request, ends_at: float) -> None:
        self._body = body
        self._request = request
        self._ends_at = ends_at

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._body:
            if time.monotonic() > self._ends_at:
                raise httpx.ReadTimeout(
                    "The response took longer than the timeout in all", request=self._request
                )
            yield chunk

    async def aclose(self) -> None:
        await self._body.aclose()


# Parsing a URL costs more than the rest of building a request; the same ones recur
# (every create posts to one path, a wait reads one prediction), and httpx.URL is immutable.
_parse_url = functools.lru_cache(maxsize=256)(httpx.URL)


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    port = url.port or {"http": 80, "https": 443}.get(url.scheme)
    return (url.scheme, url.host, port)


def _has_header(headers: Mapping[str, str], name: str) -> bool:
    return _header(headers, name) is not None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _connection_error(error: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(request=request)
    where = f"{request.method} {request.url.copy_with(query=None)}"
    return APIConnectionError(
        request=request,
        message=f"{where} failed: {type(error).__name__}: "
        f"{str(error).rstrip('.') or 'connection error'}. Check the network connection and base_url.",
    )


def _log_request(request: httpx.Request, attempt: int) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "Request %s %s (attempt %d) headers=%s",
            request.method,
            request.url,
            attempt + 1,
            redact_headers(request.headers.items()),
        )


def _log_response(response: httpx.Response, elapsed: float) -> None:
    if logger.isEnabledFor(logging.INFO):
        request = response.request
        logger.info(
            'HTTP Request: %s %s "%d %s" (%.3fs)',
            request.method,
            request.url.copy_with(query=None),
            response.status_code,
            response.reason_phrase,
            elapsed,
        )
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("Response headers=%s", redact_headers(response.headers.items()))
