"""Files a model outputs: ``AsyncFileOutput`` reads them lazily, streaming, without the API token.

Output files are served from other hosts than the API. Downloads go through the
client's transport (:meth:`AsyncTransport.open`), which sends the token only to the
API's own origin, never to a file host and never again once a redirect has left the
API origin, and retries, logs and reports failures as for any other request.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import httpx

from .. import _local_files
from .._core.outputs import decode_data_url, transform_output_files
from .._primitives import AsyncFileOutputTwins

if TYPE_CHECKING:
    from pathlib import Path

    from .._local_files import PathLike
    from ._base_client import AsyncBaseClient

__all__ = ["AsyncFileOutput", "wrap_output"]


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
        response = await self._open()
        try:
            return await response.aread()
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
        response = await self._open()
        try:
            async for chunk in response.aiter_bytes(chunk_size):
                yield chunk
        finally:
            await response.aclose()

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self.iter_bytes()

    async def save(self, path: PathLike) -> Path:
        """Write the file to ``path`` chunk by chunk (replacing it) and return the path."""
        return await _local_files.AsyncLocalFile.write_chunks(path, self.iter_bytes())

    async def _open(self) -> httpx.Response:
        return await self._client._transport.open(self._url)  # pyright: ignore[reportPrivateUsage]

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
