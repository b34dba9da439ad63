"""The client core every resource calls: options, one transport, requests, pages, lifecycle.

Generated resources call ``_request`` and ``_get_api_list`` (see the contract in
``replicate._operation``); people call the low-level ``get``/``post``/``request`` for
endpoints the SDK has no method for yet.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

import httpx
from typing_extensions import Self

from .. import _primitives
from .._core.config import DEFAULT_MAX_RETRIES, ClientConfig, resolve_config
from .._core.file_inputs import is_replaced_in_input
from .._core.json_values import check_json_input, not_a_mapping_error
from .._core.polling import PollPolicy, poll_interval_from_env
from .._core.redact import mask_token
from .._core.request import NO_BODY, RequestParts, build_operation_request, build_request
from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .._http_client import default_http_client_options
from .._logs import setup_logging_from_env
from .._operation import Operation
from .._parsing import parse_page, parse_response
from .._primitives import AsyncListing, AsyncPaginator
from .._types import (
    NOT_GIVEN,
    FileEncodingStrategy,
    NotGiven,
    RequestOptions,
    Timeout,
)
from ._pagination import AsyncCursorURLPage, AsyncCursorURLPageWithCreatedFilters
from ._response import (
    AsyncAPIResponse,
    AsyncBinaryAPIResponse,
)
from ._transport import AsyncTransport

if TYPE_CHECKING:
    from .._types import HttpxAsyncClient

__all__ = ["AsyncBaseClient"]

_T = TypeVar("_T")
_PageT = TypeVar("_PageT", bound="AsyncCursorURLPage[Any]")


class AsyncBaseClient:
    """Settings, connection pool and request machinery shared by every API method.

    The token comes from ``bearer_token`` (1.x: ``api_token``) or ``REPLICATE_API_TOKEN``;
    a missing token is reported at the first request, not here. ``base_url`` (or
    ``REPLICATE_BASE_URL``) may end in ``/v1`` or not. The client closes its httpx
    client on ``close()``, including one passed as ``http_client``; copies made with
    ``with_options`` share the connection pool and leave it open.
    """

    _transport: AsyncTransport

    def __init__(
        self,
        bearer_token: str | None = None,
        *,
        api_token: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        async_http_client: HttpxAsyncClient | None = None,
        _strict_response_validation: bool | None = None,
        _http_options: Mapping[str, Any] | None = None,
        _base_url_is_origin: bool = False,
    ) -> None:
        if bearer_token is not None and api_token is not None and bearer_token != api_token:
            raise InvalidArgumentError(
                "Pass the API token once: bearer_token= or its 1.x name api_token=, not both"
            )
        if default_headers is not None and headers is not None:
            raise InvalidArgumentError("Pass default_headers= or its 1.x name headers=, not both")
        given_client = cast(
            object, http_client
        )  # checked at run time: callers may not be type-checked
        if given_client is not None and not isinstance(given_client, httpx.AsyncClient):
            raise ArgumentTypeError(
                f"http_client must be an httpx.AsyncClient for {type(self).__name__}, got {type(given_client).__name__}"
            )
        if http_client is not None and _http_options:
            raise InvalidArgumentError(
                f"Pass httpx options ({', '.join(sorted(_http_options))}) or http_client=, not both: "
                "set them on your own http_client instead"
            )
        setup_logging_from_env()
        config = resolve_config(
            bearer_token=bearer_token if bearer_token is not None else api_token,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers if default_headers is not None else headers,
            default_query=default_query,
            strict_response_validation=_strict_response_validation,
            environ=os.environ,
            base_url_is_origin=_base_url_is_origin,
        )
        http_options: dict[str, Any] | None = None
        if http_client is None:
            http_options = default_http_client_options(
                timeout=config.timeout, **(_http_options or {})
            )
            http_client = httpx.AsyncClient(**http_options)
        self._http_options = http_options
        """The options this client's own httpx client was built with (``None``: one was given)."""
        self._keep_async_http_client(async_http_client)
        # A given http_client is closed with this client too; `with_options` copies opt out.
        self._transport = AsyncTransport(
            config,
            http_client=http_client,
            owns_http_client=True,
            make_http_client=None
            if http_options is None
            else functools.partial(httpx.AsyncClient, **http_options),
        )
        _primitives.AsyncPoolCloser.close_with(self, self._transport)
        self._parent: object = None
        """The client a ``with_options`` copy shares its pool with, kept alive by the copy."""
        self._community_models: set[str] = set()
        """``owner/name`` of models the model-name endpoint refused (not official models)."""

    # -- settings -------------------------------------------------------------------

    @property
    def bearer_token(self) -> str | None:
        """The API token this client sends (never printed by ``repr``)."""
        return self._transport.config.bearer_token

    @property
    def api_token(self) -> str | None:
        """The 1.x name of ``bearer_token``."""
        return self.bearer_token

    @property
    def base_url(self) -> httpx.URL:
        """The API's base URL, ending in ``/v1``."""
        return self._transport.config.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        """The default timeout of each request.

        It bounds the whole response of a non-streaming call (its longest limit), as
        well as each step (connect, each read, write, pool) as httpx does.
        """
        return self._transport.config.timeout

    @property
    def max_retries(self) -> int:
        """How many times a failed request may be sent again (when that is safe)."""
        return self._transport.config.max_retries

    _poll_interval: float | None = None

    @property
    def poll_interval(self) -> float | None:
        """Seconds between polls while waiting for a prediction or training (1.x).

        Set it (``client.poll_interval = 2.0``) to poll at that fixed interval; unset, it
        is ``REPLICATE_POLL_INTERVAL`` when that is set, else ``None``: polls back off
        from a quarter second to two seconds.
        """
        if self._poll_interval is not None:
            return self._poll_interval
        return poll_interval_from_env()

    @poll_interval.setter
    def poll_interval(self, seconds: float | None) -> None:
        self._poll_interval = None if seconds is None else PollPolicy(fixed=seconds).fixed

    def with_options(
        self,
        *,
        bearer_token: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        set_default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        set_default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> Self:
        """A copy of this client with some options changed, sharing its connection pool.

        ``default_headers``/``default_query`` are merged over the current ones;
        ``set_default_headers``/``set_default_query`` replace them.

        Example::

            patient = client.with_options(timeout=300, max_retries=5)
        """
        if default_headers is not None and set_default_headers is not None:
            raise InvalidArgumentError(
                "Pass default_headers= (merged) or set_default_headers= (replacing), not both"
            )
        if default_query is not None and set_default_query is not None:
            raise InvalidArgumentError(
                "Pass default_query= (merged) or set_default_query= (replacing), not both"
            )
        config = self._transport.config
        headers = (
            dict(set_default_headers)
            if set_default_headers is not None
            else {**config.default_headers, **(default_headers or {})}
        )
        query = (
            dict(set_default_query)
            if set_default_query is not None
            else {**config.default_query, **(default_query or {})}
        )
        copy = type(self)(
            bearer_token=bearer_token if bearer_token is not None else config.bearer_token,
            base_url=base_url if base_url is not None else config.base_url,
            timeout=config.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=max_retries if max_retries is not None else config.max_retries,
            default_headers=headers,
            default_query=query,
            http_client=http_client or self._transport.http_client,
            _strict_response_validation=config.strict_response_validation,
            _base_url_is_origin=False,
        )
        copy._transport.owns_http_client = http_client is not None
        copy._poll_interval = self._poll_interval
        if http_client is None:
            copy._parent = self  # the pool's owner must outlive the copy that uses it
        if http_client is None:
            copy._http_options = self._http_options
            copy._share_async_side(self)
        copy._transport.backoff = self._transport.backoff
        copy._community_models = self._community_models
        return copy

    copy = with_options

    @classmethod
    def _from_config(
        cls, config: ClientConfig, *, http_client: httpx.AsyncClient, owns_http_client: bool
    ) -> Self:
        """A client of ``config`` exactly (no environment lookup) sending through ``http_client``."""
        client = cls.__new__(cls)
        client._http_options = None
        client._community_models = set()
        client._parent = None
        client._transport = AsyncTransport(
            config, http_client=http_client, owns_http_client=owns_http_client
        )
        return client

    def _keep_async_http_client(self, async_http_client: HttpxAsyncClient | None) -> None:
        """Only the sync client has async methods that need their own httpx client."""
        if async_http_client is not None:
            raise ArgumentTypeError(
                f"{type(self).__name__} sends every request through http_client=; "
                "async_http_client= is for the sync client's async_* methods"
            )

    def _share_async_side(self, other: Self) -> None:
        """Copies made by ``with_options`` of a sync client reuse its async side's settings."""

    # -- lifecycle ------------------------------------------------------------------

    async def close(self) -> None:
        """Close the connection pool (not needed for copies made with ``with_options``)."""
        self._close_async_side()
        await self._transport.close()

    def _close_async_side(self) -> None:
        """Only the sync client has an async side to close."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={str(self.base_url)!r}, bearer_token={mask_token(self.bearer_token)!r})"

    # -- what generated resources call -----------------------------------------------

    async def _request(
        self,
        op: Operation,
        *,
        cast_to: type[_T],
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, object] | None = None,
        headers: Mapping[str, object] | None = None,
        body: object | None = None,
        files: Mapping[str, object] | None = None,
        file_encoding_strategy: FileEncodingStrategy = "url",
        options: RequestOptions,
    ) -> _T:
        """Send ``op`` and return its answer as ``cast_to``.

        The local files in ``op.file_inputs`` fields of ``body`` are uploaded (or
        inlined, by ``file_encoding_strategy``) first.
        """
        if op.file_inputs and isinstance(body, Mapping):
            body = await self._prepare_file_inputs(
                cast("Mapping[str, object]", body), op.file_inputs, file_encoding_strategy
            )
        parts = build_operation_request(
            op,
            path_params=path_params,
            query=query,
            headers=headers,
            body=NO_BODY if body is None else body,
            files=files,
            options=options,
        )
        binary = op.response == "binary" or cast_to is AsyncBinaryAPIResponse
        return await self._send(parts, cast_to, binary=binary)

    @overload
    def _get_api_list(
        self,
        op: Operation,
        *,
        model: type[_T],
        page: type[AsyncCursorURLPageWithCreatedFilters[_T]],
        cursor: str | None = None,
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, object] | None = None,
        options: RequestOptions,
    ) -> AsyncPaginator[_T, AsyncCursorURLPageWithCreatedFilters[_T]]: ...

    @overload
    def _get_api_list(
        self,
        op: Operation,
        *,
        model: type[_T],
        page: type[AsyncCursorURLPage[_T]],
        cursor: str | None = None,
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, object] | None = None,
        options: RequestOptions,
    ) -> AsyncPaginator[_T, AsyncCursorURLPage[_T]]: ...

    def _get_api_list(
        self,
        op: Operation,
        *,
        model: type[_T],
        page: type[AsyncCursorURLPage[_T]],
        cursor: str | None = None,
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, object] | None = None,
        options: RequestOptions,
    ) -> AsyncPaginator[_T, AsyncCursorURLPage[_T]]:
        """List ``op``'s items as ``model``; ``cursor`` is a ``next`` URL or cursor from a page."""
        if cursor is not None and cursor.startswith(("http://", "https://")):
            # A 1.x-style `next` URL already carries the query of the first request.
            parts = build_request("GET", cursor, options=options)
        else:
            parts = build_operation_request(
                op,
                path_params=path_params,
                query={**(query or {}), "cursor": cursor} if cursor else query,
                options=options,
            )
        return AsyncListing.start(model, lambda: self._fetch_page(parts, model, page))

    # -- low-level requests -----------------------------------------------------------

    async def request(
        self,
        method: str,
        url: str,
        *,
        json: object = NOT_GIVEN,
        body: object = NOT_GIVEN,
        params: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        files: Mapping[str, object] | None = None,
        cast_to: type[Any] | None = None,
        options: RequestOptions | None = None,
    ) -> Any:
        """Send any request to the API (or to an absolute URL, without the token).

        ``json`` (or its 2.x name ``body``) is sent as the JSON body. Returns the decoded
        JSON, or ``cast_to`` built from it (``cast_to=httpx.Response`` gives the response
        itself). POST requests are treated as creating something: they are retried only
        when that is safe, unless an ``Idempotency-Key`` header is set.

        Raises:
            ValueError: both ``json`` and ``body`` were given.

        Example::

            account = await client.request("GET", "/account")
        """
        if not isinstance(json, NotGiven) and not isinstance(body, NotGiven):
            raise InvalidArgumentError(
                "Pass the JSON body as json= or its 2.x name body=, not both"
            )
        payload = body if isinstance(json, NotGiven) else json
        parts = build_request(
            method,
            url,
            query=params,
            headers=headers,
            body=NO_BODY if isinstance(payload, NotGiven) else payload,
            files=files,
            options=options,
        )
        return await self._send(parts, cast_to or object, binary=False)

    async def get(self, url: str, **kwargs: Any) -> Any:
        """A GET request to ``url``; keyword arguments as for ``request``."""
        return await self.request("GET", url, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> Any:
        """A POST request to ``url``; keyword arguments as for ``request``."""
        return await self.request("POST", url, **kwargs)

    async def put(self, url: str, **kwargs: Any) -> Any:
        """A PUT request to ``url``; keyword arguments as for ``request``."""
        return await self.request("PUT", url, **kwargs)

    async def patch(self, url: str, **kwargs: Any) -> Any:
        """A PATCH request to ``url``; keyword arguments as for ``request``."""
        return await self.request("PATCH", url, **kwargs)

    async def delete(self, url: str, **kwargs: Any) -> Any:
        """A DELETE request to ``url``; keyword arguments as for ``request``."""
        return await self.request("DELETE", url, **kwargs)

    # -- internals ---------------------------------------------------------------------

    async def _prepare_file_inputs(
        self, body: Mapping[str, object], fields: tuple[str, ...], strategy: FileEncodingStrategy
    ) -> dict[str, object]:
        # Imported here: uploads pull in the Files resource, which `import replicate` skips.
        from ._uploads import prepare_input

        prepared = dict(body)
        for name in fields:
            value = prepared.get(name)
            if value is not None and not isinstance(value, NotGiven):
                if not isinstance(value, Mapping):
                    raise not_a_mapping_error(value, name=name)
                fields_input = cast("Mapping[str, object]", value)
                # Before any upload: a value JSON cannot hold would fail the create anyway.
                check_json_input(fields_input, name=name, skip=is_replaced_in_input)
                prepared[name] = await prepare_input(
                    self, fields_input, file_encoding_strategy=strategy
                )
        return prepared

    async def _send(self, parts: RequestParts, cast_to: type[_T], *, binary: bool) -> _T:
        # A download streams its body unless a raw response (body read) was asked for.
        mode = parts.response_mode
        response = await self._transport.send(
            parts, stream=mode == "stream" or (binary and mode is None)
        )
        if binary:
            return cast(_T, AsyncBinaryAPIResponse(response, parse_as=self._parse_as))
        parse = functools.partial(self._parse_response, cast_to=cast_to)
        if mode is not None:
            return cast(_T, AsyncAPIResponse(response, parse, parse_as=self._parse_as))
        return cast(_T, parse(response))

    async def _fetch_page(self, parts: RequestParts, model: type[_T], page: type[_PageT]) -> _PageT:
        mode = parts.response_mode
        response = await self._transport.send(parts, stream=mode == "stream")
        parse = functools.partial(self._parse_page, model=model, page=page, parts=parts)
        if mode is not None:
            return cast(_PageT, AsyncAPIResponse(response, parse, parse_as=self._parse_as))
        return parse(response)

    def _parse_as(self, response: httpx.Response, cast_to: type[Any]) -> Any:
        # `parse(to=...)` of a raw response: the same parsing as a method returning `cast_to`.
        return self._parse_response(response, cast_to=cast_to)

    def _parse_page(
        self, response: httpx.Response, *, model: type[_T], page: type[_PageT], parts: RequestParts
    ) -> _PageT:
        results, next_url, previous_url = parse_page(
            response,
            model,
            strict=self._transport.config.strict_response_validation,
            bind=self._bound,
        )

        async def load_page(url: str) -> _PageT:
            # Later pages keep the first request's per-call headers and timeout.
            next_parts = RequestParts(
                method="GET",
                url=url,
                headers=parts.headers,
                timeout=parts.timeout,
                replay_safe=True,
            )
            return await self._fetch_page(next_parts, model, page)

        return page(results=results, next=next_url, previous=previous_url, load_page=load_page)

    def _parse_response(self, response: httpx.Response, *, cast_to: type[Any]) -> Any:
        return parse_response(
            response,
            cast_to,
            strict=self._transport.config.strict_response_validation,
            bind=self._bound,
        )

    def _bound(self, value: _T) -> _T:
        """``value``, bound to this client if it is an object that acts on itself."""
        bind = getattr(value, "_bind", None)
        if callable(bind):
            bind(self)
        return value
