"""Files a model outputs: ``AsyncFileOutput`` reads them lazily, streaming, without the API token.

Output files are served from other hosts than the API. The token goes only to the
API's own origin (scheme, host and port of the client's base URL): never to a file
host, and never again once a redirect has left the API origin. Downloads share the
client's connection pool but none of its authentication.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import httpx

from .. import _local_files, _primitives
from .._core.config import user_agent
from .._core.errors import make_status_error
from .._core.outputs import decode_data_url, is_api_url, transform_output_files
from .._exceptions import APIConnectionError, APITimeoutError
from .._output_twins import AsyncFileOutputTwins

if TYPE_CHECKING:
    from pathlib import Path

    from .._local_files import PathLike
    from ._base_client import AsyncBaseClient

__all__ = ["MAX_REDIRECTS", "AsyncFileOutput", "open_download", "wrap_output"]

MAX_REDIRECTS = 20
"""Redirects followed for one download before giving up."""


async def open_download(client: AsyncBaseClient, url: str) -> httpx.Response:
    """GET ``url`` through the client's connection pool; the response is unread, close it.

    Redirects are followed here, one hop at a time, so that each hop decides afresh
    whether it may carry the token: only while every URL so far is on the API origin.

    Raises:
        APIStatusError: the file host answered with an error status.
        APIConnectionError: no answer (or too many redirects).
    """
    http = client._transport.http_client  # pyright: ignore[reportPrivateUsage]
    api_base = str(client.base_url)
    current = httpx.URL(urllib.parse.urljoin(api_base + "/", url))
    trusted = is_api_url(str(current), api_base)
    hops = 0
    while True:
        request = http.build_request(
            "GET", current, headers={"User-Agent": user_agent()}, timeout=client.timeout
        )
        token = client.bearer_token
        if trusted and token:
            request.headers["Authorization"] = f"Bearer {token}"
        else:
            # Also drops an Authorization default set on a caller's own httpx client.
            request.headers.pop("Authorization", None)
        try:
            response = await http.send(request, stream=True, follow_redirects=False, auth=None)
        except httpx.TimeoutException as error:
            raise APITimeoutError(request=request) from error
        except httpx.TransportError as error:
            raise APIConnectionError(
                request=request,
                message=f"Downloading from {current.host} failed: {type(error).__name__}: {error}",
            ) from error
        if response.has_redirect_location:
            await response.aclose()
            hops += 1
            if hops > MAX_REDIRECTS:
                raise APIConnectionError(
                    request=request,
                    message=f"Downloading {_safe_url(url)} was redirected more than "
                    f"{MAX_REDIRECTS} times",
                )
            current = current.join(response.headers["location"])
            trusted = trusted and is_api_url(str(current), api_base)
            continue
        if response.status_code >= 400:
            try:
                content = await _primitives.AsyncResponseBody.read(response)
            finally:
                await response.aclose()
            raise make_status_error(response, content)
        return response


def _safe_url(url: str) -> str:
    """``url`` fit for messages and ``repr``: no query (it may hold a signature), data abridged."""
    if url[:5].lower() == "data:":
        header = url.split(",", 1)[0]
        return f"{header},...({len(url)} characters)"
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class AsyncFileOutput(AsyncFileOutputTwins):
    """A file a model produced, read when you ask for it.

    ``str(output)`` and ``output.url`` give its URL. ``await output.read()`` (1.x:
    ``aread()``) gives its bytes, ``async for chunk in output`` streams them,
    ``await output.save(path)`` writes it to disk in chunks. ``data:`` URLs are decoded
    in memory. The sync ``FileOutput`` has ``await output.aread()`` and ``async for``
    too, as in 1.x.

    Example::

        [image] = await client.run("black-forest-labs/flux-schnell", input={"prompt": "a cat"})
        await image.save("cat.png")
    """

    def __init__(self, url: str, client: AsyncBaseClient) -> None:
        self._url = url
        self._client = client

    @property
    def url(self) -> str:
        """Where the file is: an ``https://`` URL or a ``data:`` URL."""
        return self._url

    def __str__(self) -> str:
        return self._url

    def __repr__(self) -> str:
        return f"{type(self).__name__}({_safe_url(self._url)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, AsyncFileOutput):
            return self._url == other._url
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._url)

    async def read(self) -> bytes:
        """The whole file, downloaded now (use iteration or :meth:`save` for big files)."""
        if self._is_data_url():
            return decode_data_url(self._url).data
        response = await open_download(self._client, self._url)
        try:
            return await _primitives.AsyncResponseBody.read(response)
        finally:
            await response.aclose()

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The file's bytes as they arrive, ``chunk_size`` at a time when given."""
        if self._is_data_url():
            data = decode_data_url(self._url).data
            step = chunk_size or len(data) or 1
            for start in range(0, len(data), step):
                yield data[start : start + step]
            return
        response = await open_download(self._client, self._url)
        try:
            async for chunk in _primitives.AsyncResponseBody.iter_bytes(response, chunk_size):
                yield chunk
        finally:
            await response.aclose()

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self.iter_bytes()

    async def save(self, path: PathLike) -> Path:
        """Write the file to ``path`` chunk by chunk (replacing it) and return the path."""
        return await _local_files.AsyncLocalFile.write_chunks(path, self.iter_bytes())

    def _is_data_url(self) -> bool:
        return self._url[:5].lower() == "data:"


def wrap_output(client: AsyncBaseClient, output: object, *, use_file_output: bool = True) -> object:
    """``output`` with every file URL in it (at any depth) made an :class:`AsyncFileOutput`.

    With ``use_file_output=False`` the output is returned unchanged. Lists and tuples
    become lists; other values are kept.
    """
    if not use_file_output:
        return output
    return transform_output_files(output, lambda url: AsyncFileOutput(url, client))
