"""Small types shared by every layer: the "not given" sentinel and per-call options."""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Any, Mapping, Optional, Tuple, Union

from typing_extensions import Literal, TypeAlias, TypedDict, final

if TYPE_CHECKING:
    import httpx

__all__ = [
    "NOT_GIVEN",
    "Body",
    "FileContent",
    "FileEncodingStrategy",
    "FileInput",
    "Headers",
    "NotGiven",
    "Query",
    "RequestOptions",
    "Timeout",
]


@final
class NotGiven:
    """Marks an argument the caller left out, as distinct from an explicit ``None``.

    ``None`` is sent as JSON ``null``; ``NOT_GIVEN`` is not sent at all.
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

FileEncodingStrategy = Literal["url", "base64"]
"""How local files in a model's input are sent: uploaded (``"url"``) or inlined as ``data:`` URLs."""

# httpx is named, not imported: `import replicate` (and the `replicate` command) stays light.
Timeout = Union[float, "httpx.Timeout", None]

if TYPE_CHECKING:
    # ``httpx.AsyncClient`` under a name the sync code generation keeps: the sync client's
    # ``async_http_client=`` is an async client in both worlds. For annotations only.
    HttpxAsyncClient: TypeAlias = httpx.AsyncClient
Headers = Mapping[str, Union[str, NotGiven]]
Query = Mapping[str, object]
Body = object


class RequestOptions(TypedDict, total=False):
    """Options any API method accepts as keyword arguments, on top of its own parameters.

    ``extra_headers``/``extra_query``/``extra_body`` are merged over what the method
    builds; ``timeout`` overrides the client's timeout for this one call.
    """

    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, object]
    extra_body: Mapping[str, Any]
    timeout: Timeout


RESPONSE_MODE_OPTION = "_response_mode"
"""The option ``with_raw_response`` (``"raw"``) and ``with_streaming_response``
(``"stream"``) add to the call's keyword arguments: it travels with the call's other
options to the request the method itself makes (not to the uploads or lookups it makes
first), explicitly, so that it reaches that request from any thread or task."""


# A file to upload: its bytes, an open binary file, a path, or a tuple of
# (filename, content) or (filename, content, content type) like httpx accepts.
FileContent = Union[
    bytes,
    IO[bytes],
    "os.PathLike[str]",
    Tuple[Optional[str], Union[bytes, IO[bytes]]],
    Tuple[Optional[str], Union[bytes, IO[bytes]], Optional[str]],
]

# A local file given as a model input or to upload: read in chunks, never all at once
# (except bytes, which are in memory already). Text handles are sent as their bytes.
FileInput = Union[
    bytes,
    bytearray,
    memoryview,
    IO[bytes],
    IO[str],
    "os.PathLike[str]",
]
