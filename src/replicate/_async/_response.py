"""HTTP answers handed to the caller: raw responses, streamed responses and file downloads.

``client.predictions.with_raw_response.get(id)`` returns an ``AsyncAPIResponse`` whose
``parse()`` gives what the plain method would have returned; ``with_streaming_response``
returns the same kind of object, body unread, as a context manager.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import AsyncIterator, Callable, Mapping
from types import TracebackType
from typing import IO, Any, Generic, TypeVar, overload

import httpx
from typing_extensions import Literal, Protocol, Self

from .._exceptions import ArgumentTypeError
from .._types import RESPONSE_MODE_OPTION

__all__ = [
    "AsyncAPIResponse",
    "AsyncBinaryAPIResponse",
    "AsyncResponseContextManager",
    "AsyncResponseSender",
    "ParseAs",
    "ResponseMode",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "checked_response",
    "with_response_mode",
]

_T = TypeVar("_T")
_U = TypeVar("_U")
_ResponseT = TypeVar("_ResponseT", bound="AsyncAPIResponse[Any]")
_ResponseT_co = TypeVar("_ResponseT_co", bound="AsyncAPIResponse[Any]", covariant=True)

ResponseMode = Literal["raw", "stream"]

ParseAs = Callable[[httpx.Response, type[Any]], Any]
"""How a client parses a response's body as a type of the caller's choice (``parse(to=...)``)."""


def with_response_mode(kwargs: Mapping[str, Any], mode: ResponseMode) -> dict[str, Any]:
    """A call's keyword arguments with the response ``mode`` option added (see
    ``RESPONSE_MODE_OPTION``)."""
    return {**kwargs, RESPONSE_MODE_OPTION: mode}


class AsyncResponseSender(Protocol[_ResponseT_co]):
    """Sends a request and returns its response (what a streamed wrapper defers to entry)."""

    async def __call__(self) -> _ResponseT_co: ...


class AsyncAPIResponse(Generic[_T]):
    """An HTTP answer from the API, with the parsing the method would have done on demand.

    What ``with_raw_response`` methods return (body already read) and what
    ``with_streaming_response`` methods yield (body unread until asked for). The body
    can be read once as a whole (``read``, ``text``, ``json``, ``parse``, in any order
    and as often as wanted) or streamed once (``iter_bytes``, ``iter_text``,
    ``iter_lines``); streaming it after it was streamed raises ``httpx.StreamConsumed``.
    """

    http_response: httpx.Response

    def __init__(
        self,
        http_response: httpx.Response,
        parse: Callable[[httpx.Response], _T],
        *,
        parse_as: ParseAs | None = None,
    ) -> None:
        self.http_response = http_response
        self._parse = parse
        self._parse_as = parse_as
        self._parsed: dict[object, Any] = {}

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.http_response.status_code

    @property
    def http_request(self) -> httpx.Request:
        """The request that got this answer."""
        return self.http_response.request

    @property
    def url(self) -> httpx.URL:
        """The URL that answered."""
        return self.http_response.url

    @property
    def method(self) -> str:
        """The request's HTTP method (``"GET"``, ``"POST"``, ...)."""
        return self.http_request.method

    @property
    def http_version(self) -> str:
        """The HTTP version of the answer, e.g. ``"HTTP/1.1"``."""
        return self.http_response.http_version

    @property
    def elapsed(self) -> datetime.timedelta:
        """The time from sending the request to the end of the answer.

        Raises:
            RuntimeError: the body of a streamed response has not been read or closed yet.
        """
        return self.http_response.elapsed

    @property
    def is_closed(self) -> bool:
        """Whether the connection was released: the body was read to the end or closed."""
        return self.http_response.is_closed

    def mapped(self, convert: Callable[[_T], _U]) -> AsyncAPIResponse[_U]:
        """This response, parsed into what ``convert`` makes of the usual result.

        For methods that refine what the generated method returns (a bound object).
        """
        parse = self._parse
        return AsyncAPIResponse(
            self.http_response,
            lambda response: convert(parse(response)),
            parse_as=self._parse_as,
        )

    @overload
    async def parse(self) -> _T: ...

    @overload
    async def parse(self, *, to: type[_U]) -> _U: ...

    async def parse(self, *, to: type[Any] | None = None) -> Any:
        """The body as the plain method returns it (a model, a page, ...), or as ``to``.

        ``to`` may be a model class of ``replicate.types`` (or any pydantic model),
        ``dict``, ``list``, ``str``, ``bytes``, ``int``, ``float``, ``bool``, ``object``
        (the decoded JSON) or ``httpx.Response``. The body is read first; each result is
        parsed once and then returned again.

        Raises:
            APIResponseValidationError: the body is not JSON where JSON is needed, or
                (in strict mode) does not match the type.

        Example::

            response = await client.predictions.with_raw_response.get("xyz")
            prediction = await response.parse()
            data = await response.parse(to=dict)
        """
        key: object = to
        if key not in self._parsed:
            await self.http_response.aread()
            if to is None:
                self._parsed[key] = self._parse(self.http_response)
            elif self._parse_as is None:
                raise ArgumentTypeError(f"{type(self).__name__} cannot be parsed as another type")
            else:
                self._parsed[key] = self._parse_as(self.http_response, to)
        return self._parsed[key]

    async def read(self) -> bytes:
        """The whole body as bytes (read once, then kept)."""
        return await self.http_response.aread()

    async def text(self) -> str:
        """The whole body decoded as text."""
        await self.http_response.aread()
        return self.http_response.text

    async def json(self) -> Any:
        """The whole body decoded as JSON.

        Raises:
            json.JSONDecodeError: the body is not JSON.
        """
        await self.http_response.aread()
        return self.http_response.json()

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body in chunks (decompressed) as it arrives, without holding all of it."""
        async for chunk in self.http_response.aiter_bytes(chunk_size):
            yield chunk

    async def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        """The body decoded as text, in chunks, as it arrives."""
        async for chunk in self.http_response.aiter_text(chunk_size):
            yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        """The body decoded as text, one line at a time (without line endings), as it arrives."""
        async for line in self.http_response.aiter_lines():
            yield line

    async def close(self) -> None:
        """Release the connection; needed only when the body was not read to the end."""
        await self.http_response.aclose()

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
        request = self.http_request
        return f"<{type(self).__name__} [{self.status_code}] {request.method} {request.url.copy_with(query=None)}>"


class AsyncBinaryAPIResponse(AsyncAPIResponse[bytes]):
    """A file's content, streamed: read it all, iterate over chunks, or write it to disk."""

    def __init__(self, http_response: httpx.Response, *, parse_as: ParseAs | None = None) -> None:
        super().__init__(http_response, lambda response: response.content, parse_as=parse_as)

    async def write_to_file(self, path: str | os.PathLike[str]) -> None:
        """Stream the body into the file at ``path`` (created or replaced), chunk by chunk."""
        await self.stream_to_file(path)

    async def stream_to_file(
        self, path: str | os.PathLike[str], *, chunk_size: int | None = None
    ) -> None:
        """Stream the body into the file at ``path`` (created or replaced), chunk by chunk.

        The 2.x name for what a streamed download does; ``chunk_size`` bounds the size
        of each chunk read.
        """
        with _open_for_writing(path) as file:
            async for chunk in self.iter_bytes(chunk_size):
                file.write(chunk)


class AsyncResponseContextManager(Generic[_ResponseT]):
    """Sends the request on entry and closes the response on exit."""

    def __init__(self, send: AsyncResponseSender[_ResponseT]) -> None:
        self._send = send
        self._response: _ResponseT | None = None

    async def __aenter__(self) -> _ResponseT:
        self._response = await self._send()
        return self._response

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._response is not None:
            await self._response.close()


def checked_response(response: object) -> AsyncAPIResponse[Any]:
    """``response`` if a wrapped method returned an API response, else a ``TypeError``."""
    if not isinstance(response, AsyncAPIResponse):
        raise ArgumentTypeError(
            f"expected the wrapped method to send one API request, but it returned {type(response).__name__}"
        )
    return response  # pyright: ignore[reportUnknownVariableType]


# The wrappers' signatures need ``Awaitable``, which has no sync rename, so they are a
# hand-written pair in ``replicate._primitives``.
from .._primitives import (  # noqa: E402
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
)


def _open_for_writing(path: str | os.PathLike[str]) -> IO[bytes]:
    # Writing one chunk to a local file is brief next to reading it from the network, so
    # plain file I/O is used in both worlds; this is the one place that makes that choice.
    return open(path, "wb")
