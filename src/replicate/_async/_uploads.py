"""Uploading local files through the Files API, and turning the files in an input into URLs.

Files are streamed from where they are (a path is opened and read in chunks while
the request is sent), so memory does not grow with the file's size.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from typing import cast

from typing_extensions import Unpack

from .. import _concurrency
from .._core.file_inputs import (
    FileUpload,
    data_url,
    is_file_input,
    open_binary,
    plan_uploads,
)
from .._exceptions import ArgumentTypeError, InvalidArgumentError
from .._types import NOT_GIVEN, FileEncodingStrategy, RequestOptions
from ..types import FileCreateResponse
from ._base_client import AsyncBaseClient
from .resources.files import FILES_CREATE

__all__ = ["MAX_CONCURRENT_UPLOADS", "prepare_input", "upload_file"]

MAX_CONCURRENT_UPLOADS = 4
"""How many files of one input are uploaded at the same time."""


def _describe_content(content: object) -> FileUpload:
    """The one file in ``content``; raises ``TypeError`` naming what was given otherwise."""
    if isinstance(content, str):
        raise ArgumentTypeError(
            "content must be a file: a pathlib.Path, an open file, bytes or io.BytesIO; "
            "got a str (wrap a file name in pathlib.Path(...) to upload that file)"
        )
    if not is_file_input(content):
        raise ArgumentTypeError(
            "content must be a file: a pathlib.Path, an open file, bytes or io.BytesIO; "
            f"got {type(content).__name__}"
        )
    plan = plan_uploads(content)
    return plan.uploads[0]


async def upload_file(
    client: AsyncBaseClient,
    content: object,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    metadata: Mapping[str, object] | None = None,
    **options: Unpack[RequestOptions],
) -> FileCreateResponse:
    """Upload one file (``POST /files``) and return its record; ``.urls.get`` is its URL.

    ``content`` is a ``pathlib.Path`` (any ``os.PathLike``), an open file (binary or
    text), ``bytes``/``bytearray``/``memoryview`` or ``io.BytesIO``. The file name and
    media type come from the file unless given; a given ``filename`` also sets the media
    type when its extension is known. A path is opened, streamed and closed;
    an open file is streamed from its start and left open.

    Example::

        file = await upload_file(client, pathlib.Path("photo.jpg"), metadata={"album": "cats"})
        url = file.urls.get
    """
    upload = _describe_content(content)
    name = filename or upload.filename
    # A name given for unnamed bytes says more about their type than a sniff of them.
    named_type = mimetypes.guess_type(filename)[0] if filename else None
    media_type = content_type or named_type or upload.content_type
    with open_binary(upload) as stream:
        return await client._request(  # pyright: ignore[reportPrivateUsage]
            FILES_CREATE,
            cast_to=FileCreateResponse,
            body={
                "filename": name,
                "metadata": dict(metadata) if metadata is not None else NOT_GIVEN,
                "type": media_type,
            },
            files={"content": (name, stream, media_type)},
            options=options,
        )


async def _upload_url(client: AsyncBaseClient, upload: FileUpload) -> str:
    file = await upload_file(
        client, upload.source, filename=upload.filename, content_type=upload.content_type
    )
    # Leniently parsed answers may lack ``urls``.
    url: object = getattr(file.urls, "get", None)
    if not isinstance(url, str) or not url:
        raise InvalidArgumentError(
            f"the API created file {file.id} for {upload.filename!r} but returned no URL for it"
        )
    return url


async def prepare_input(
    client: AsyncBaseClient,
    input: Mapping[str, object],
    *,
    file_encoding_strategy: FileEncodingStrategy = "url",
) -> dict[str, object]:
    """A copy of ``input`` with every local file replaced by a URL the API accepts.

    Files may sit at any depth of dicts, lists and tuples. With ``"url"`` each is
    uploaded once (a few at a time) and replaced by its upload URL; with ``"base64"``
    each becomes a ``data:`` URL, encoded chunk by chunk. Strings, including
    ``http(s)://`` and ``data:`` URLs, are kept as they are; objects with a ``url``
    (an earlier run's output file) become that URL.

    Example::

        prepared = await prepare_input(client, {"image": open("cat.png", "rb"), "prompt": "a hat"})
        # {"image": "https://api.replicate.com/v1/files/...", "prompt": "a hat"}
    """
    if not isinstance(input, Mapping):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise ArgumentTypeError(
            f"input must be a dict of the model's inputs; got {type(input).__name__}"
        )
    if file_encoding_strategy not in ("url", "base64"):
        raise InvalidArgumentError(
            f"file_encoding_strategy must be 'url' or 'base64'; got {file_encoding_strategy!r}"
        )
    plan = plan_uploads(input)
    if file_encoding_strategy == "base64":
        urls = [data_url(upload) for upload in plan.uploads]
    else:

        async def upload_one(upload: FileUpload) -> str:
            return await _upload_url(client, upload)

        urls = await _concurrency.AsyncBoundedMap.run(
            upload_one, plan.uploads, limit=MAX_CONCURRENT_UPLOADS
        )
    return cast("dict[str, object]", plan.with_urls(urls))
