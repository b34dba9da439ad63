"""Finding file URLs in a prediction's output and decoding ``data:`` URLs.

A model's output is JSON: a string, a list, a dict, or nested mixes of them.
Strings that are ``http(s)://`` or ``data:`` URLs are files; the I/O layer
turns each into a file-output object through :func:`transform_output_files`.

Whether a URL may receive the API token is the transport's decision
(``AsyncTransport.is_api_url``), made for every request and redirect hop.
"""

from __future__ import annotations

import base64
import binascii
import urllib.parse
from dataclasses import dataclass
from typing import Any, Callable, Mapping, cast

from .._exceptions import InvalidArgumentError

__all__ = [
    "DataURL",
    "decode_data_url",
    "find_file_urls",
    "is_file_url",
    "transform_output_files",
]

_DEFAULT_MEDIA_TYPE = "text/plain;charset=US-ASCII"


def is_file_url(value: object) -> bool:
    """Whether ``value`` is a string holding an ``http://``, ``https://`` or ``data:`` URL."""
    if not isinstance(value, str):
        return False
    head = value[:8].lower()
    return head.startswith(("http://", "https://", "data:"))


def transform_output_files(output: object, transform: Callable[[str], object]) -> Any:
    """A copy of ``output`` with every file URL replaced by ``transform(url)``.

    Lists and tuples become lists, mappings become dicts; other values are kept.

    Example::

        >>> transform_output_files({"images": ["https://x/1.png"], "n": 1}, str.upper)
        {'images': ['HTTPS://X/1.PNG'], 'n': 1}
    """
    if isinstance(output, str):
        return transform(output) if is_file_url(output) else output
    if isinstance(output, Mapping):
        mapping = cast("Mapping[object, object]", output)
        return {key: transform_output_files(item, transform) for key, item in mapping.items()}
    if isinstance(output, (list, tuple)):
        items = cast("list[object]", output)
        return [transform_output_files(item, transform) for item in items]
    return output


def find_file_urls(output: object) -> list[str]:
    """Every file URL in ``output``, in document order."""
    found: list[str] = []

    def collect(url: str) -> str:
        found.append(url)
        return url

    transform_output_files(output, collect)
    return found


@dataclass(frozen=True)
class DataURL:
    """The content of a ``data:`` URL."""

    media_type: str
    """The media type with its parameters, e.g. ``image/png`` or ``text/plain;charset=utf-8``."""
    data: bytes
    """The decoded bytes."""

    @property
    def mime_type(self) -> str:
        """The media type without parameters, lower-cased: ``text/plain``."""
        return self.media_type.split(";", 1)[0].strip().lower()


def decode_data_url(url: str) -> DataURL:
    """Decode a ``data:[<media type>][;base64],<data>`` URL (RFC 2397).

    Base64 data may be percent-encoded and may lack padding; other data is
    percent-decoded. With no media type, it is ``text/plain;charset=US-ASCII``.

    Raises:
        ValueError: not a ``data:`` URL, no comma, or invalid base64.

    Example::

        >>> decode_data_url("data:text/plain;base64,aGVsbG8=")
        DataURL(media_type='text/plain', data=b'hello')
    """
    if not url[:5].lower() == "data:":
        raise InvalidArgumentError(f"expected a 'data:' URL; got one starting {url[:16]!r}")
    header, comma, payload = url[5:].partition(",")
    if not comma:
        raise InvalidArgumentError("a 'data:' URL needs a ',' between its media type and its data")
    parameters = header.split(";")
    is_base64 = parameters[-1].strip().lower() == "base64"
    if is_base64:
        parameters = parameters[:-1]
    media_type = ";".join(parameters).strip() or _DEFAULT_MEDIA_TYPE
    if media_type.startswith(";"):
        # "data:;charset=utf-8,..." keeps its parameters on the default type.
        media_type = "text/plain" + media_type
    raw = urllib.parse.unquote_to_bytes(payload)
    if not is_base64:
        return DataURL(media_type=media_type, data=raw)
    compact = b"".join(raw.split())
    try:
        data = base64.b64decode(compact + b"=" * (-len(compact) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidArgumentError(
            "the 'data:' URL says base64 but its data is not valid base64"
        ) from None
    return DataURL(media_type=media_type, data=data)
