"""Finding the files in a prediction's ``input`` and turning them into URLs.

Models take files as URLs. Callers may instead put local files in ``input``:
``pathlib.Path`` (any ``os.PathLike``), open file handles (binary or text),
``bytes``/``bytearray``/``memoryview`` and ``io.BytesIO``/``io.StringIO``, at
any depth of dicts, lists and tuples. This module finds them without reading
them (:func:`plan_uploads`), rebuilds the input once each has a URL
(:meth:`UploadPlan.with_urls`), and encodes a file as a ``data:`` URL in
bounded memory (:func:`data_url`).

Strings are never read as paths, even when a file of that name exists: a
string is sent as it is. Objects with a ``url`` attribute holding an
``http(s)://`` or ``data:`` URL (such as an earlier run's file output) are
replaced by that URL rather than downloaded and uploaded again.

File-system access is limited to ``os.stat`` while planning and reading the
file while encoding or opening it for upload (:func:`open_binary`).
"""

from __future__ import annotations

import base64
import contextlib
import io
import mimetypes
import os
from dataclasses import dataclass, field
from typing import IO, Any, Generator, Iterator, Mapping, Optional, Sequence, Tuple, Union, cast

from .._exceptions import InvalidArgumentError, LocalFileNotFoundError

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "FileUpload",
    "Location",
    "UploadPlan",
    "data_url",
    "encode_files_as_data_urls",
    "is_file_input",
    "is_replaced_in_input",
    "iter_data_url",
    "iter_file_chunks",
    "open_binary",
    "plan_uploads",
    "sniff_content_type",
]

DEFAULT_CHUNK_SIZE = 3 * 64 * 1024
"""Bytes read at a time while encoding; a multiple of 3, so chunks encode independently."""

_OCTET_STREAM = "application/octet-stream"
_SNIFF_BYTES = 32
_URL_PREFIXES = ("http://", "https://", "data:")

Location = Tuple[Union[str, int], ...]
"""Where a value sits in the input: the keys and indexes leading to it."""

# (offset, magic bytes, media type, extension), first match wins.
_MAGIC: tuple[tuple[int, bytes, str, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (0, b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (0, b"GIF87a", "image/gif", ".gif"),
    (0, b"GIF89a", "image/gif", ".gif"),
    (8, b"WEBP", "image/webp", ".webp"),
    (8, b"WAVE", "audio/wav", ".wav"),
    (0, b"II*\x00", "image/tiff", ".tiff"),
    (0, b"MM\x00*", "image/tiff", ".tiff"),
    (4, b"ftypavif", "image/avif", ".avif"),
    (4, b"ftypheic", "image/heic", ".heic"),
    (4, b"ftypmif1", "image/heic", ".heic"),
    (4, b"ftypM4A ", "audio/mp4", ".m4a"),
    (4, b"ftypqt  ", "video/quicktime", ".mov"),
    (4, b"ftyp", "video/mp4", ".mp4"),
    (0, b"ID3", "audio/mpeg", ".mp3"),
    (0, b"\xff\xfb", "audio/mpeg", ".mp3"),
    (0, b"\xff\xf3", "audio/mpeg", ".mp3"),
    (0, b"\xff\xf2", "audio/mpeg", ".mp3"),
    (0, b"OggS", "audio/ogg", ".ogg"),
    (0, b"fLaC", "audio/flac", ".flac"),
    (0, b"\x1a\x45\xdf\xa3", "video/webm", ".webm"),
    (0, b"%PDF-", "application/pdf", ".pdf"),
    (0, b"PK\x03\x04", "application/zip", ".zip"),
    (0, b"\x1f\x8b", "application/gzip", ".gz"),
)


def sniff_content_type(head: bytes) -> Optional[tuple[str, str]]:
    """Guess ``(media type, extension)`` from a file's first bytes; ``None`` if unknown.

    Knows common image, audio and video formats, PDF and a few archives.

    Example::

        >>> sniff_content_type(b"\\x89PNG\\r\\n\\x1a\\n...")
        ('image/png', '.png')
    """
    if head.startswith(b"RIFF") and head[8:12] not in (b"WEBP", b"WAVE"):
        return None
    for offset, magic, media_type, extension in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return media_type, extension
    return None


@dataclass(frozen=True)
class FileUpload:
    """One file found in the input, to be uploaded (or encoded) once.

    ``source`` is the original object: an ``os.PathLike``, a file handle, or a
    bytes-like value. ``locations`` lists every place it occurs in the input.
    """

    source: object
    filename: str
    """The name to upload it under: the file's own name, or ``file`` plus an extension."""
    content_type: str
    """The media type, from the name or the first bytes; ``application/octet-stream`` if unknown."""
    size: Optional[int]
    """Bytes left to read, when known without reading (text handles: ``None``)."""
    locations: tuple[Location, ...] = field(default=())


def _is_bytes_like(value: object) -> bool:
    # A plain bool, not a type guard: narrowing to ``memoryview`` leaves its item type unknown.
    return isinstance(value, (bytes, bytearray, memoryview))


def _bytes_view(value: object) -> memoryview:
    """A flat byte view of a ``bytes``, ``bytearray`` or ``memoryview`` (of any item format)."""
    return memoryview(cast("bytes", value)).cast("B")


def _is_url_object(value: object) -> Optional[str]:
    url = getattr(value, "url", None)
    if isinstance(url, str) and url.startswith(_URL_PREFIXES):
        return url
    return None


def _is_handle(value: object) -> bool:
    return not isinstance(value, (str, bytes, bytearray, memoryview)) and callable(
        getattr(value, "read", None)
    )


def is_file_input(value: object) -> bool:
    """Whether :func:`plan_uploads` treats ``value`` as a file to upload."""
    if isinstance(value, (os.PathLike, bytes, bytearray, memoryview)):
        return True
    return _is_handle(value) and _is_url_object(value) is None


def is_replaced_in_input(value: object) -> bool:
    """Whether :func:`plan_uploads` replaces ``value`` by a URL: a local file, or an object
    with a ``url`` (a file output of another model)."""
    return is_file_input(value) or _is_url_object(value) is not None


def _handle_name(handle: object) -> Optional[str]:
    name = getattr(handle, "name", None)
    if isinstance(name, (str, os.PathLike)):
        text = os.fspath(cast("os.PathLike[str] | str", name))
        base = os.path.basename(text)
        # "<stdin>" and the like are not file names.
        if base and not base.startswith("<"):
            return base
    return None


def _is_text_handle(handle: Any) -> bool:
    if isinstance(handle, io.TextIOBase):
        return True
    if isinstance(handle, (io.RawIOBase, io.BufferedIOBase)):
        return False
    mode = getattr(handle, "mode", None)
    return isinstance(mode, str) and "b" not in mode


def _binary_view(handle: Any) -> Any:
    """The binary stream behind a text handle that has one (``open(path)`` without ``"b"``)."""
    if _is_text_handle(handle):
        return getattr(handle, "buffer", None)
    return handle


def _remaining_size(handle: Any) -> Optional[int]:
    if isinstance(handle, io.BytesIO):
        return handle.getbuffer().nbytes - handle.tell()
    try:
        if not handle.seekable():
            return None
        position = handle.tell()
        end = handle.seek(0, io.SEEK_END)
        handle.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return max(int(end) - int(position), 0)


def _peek(handle: Any) -> bytes:
    if isinstance(handle, io.BytesIO):
        position = handle.tell()
        return bytes(handle.getbuffer()[position : position + _SNIFF_BYTES])
    try:
        if not handle.seekable():
            return b""
        position = handle.tell()
        head = handle.read(_SNIFF_BYTES)
        handle.seek(position)
    except (AttributeError, OSError, ValueError):
        return b""
    return head if isinstance(head, bytes) else b""


def _describe(value: object, where: str) -> tuple[str, str, Optional[int]]:
    """``(filename, content type, size)`` for a file input, reading at most a few bytes."""
    name: Optional[str]
    head = b""
    size: Optional[int] = None
    text = False
    if isinstance(value, os.PathLike):
        path = os.fspath(cast("os.PathLike[str]", value))
        name = os.path.basename(path)
        try:
            size = os.stat(path).st_size
        except OSError as error:
            raise LocalFileNotFoundError(
                f"{where}: cannot read file {path!r} ({error.strerror or error})"
            ) from None
        if not name:
            raise InvalidArgumentError(f"{where}: {path!r} is not a file path")
    elif _is_bytes_like(value):
        name = None
        data = _bytes_view(value)
        head = bytes(data[:_SNIFF_BYTES])
        size = data.nbytes
    else:
        name = _handle_name(value)
        binary = _binary_view(value)
        text = binary is None
        if binary is not None:
            size = _remaining_size(binary)
            if name is None or mimetypes.guess_type(name)[0] is None:
                head = _peek(binary)

    guessed = mimetypes.guess_type(name)[0] if name else None
    sniffed = sniff_content_type(head) if guessed is None else None
    if guessed is not None:
        content_type = guessed
    elif sniffed is not None:
        content_type = sniffed[0]
    else:
        content_type = "text/plain" if text else _OCTET_STREAM
    if name is None:
        extension = sniffed[1] if sniffed else (".txt" if text else "")
        name = "file" + extension
    return name, content_type, size


def _where(location: Location) -> str:
    return "input" + "".join(f"[{key!r}]" for key in location)


@dataclass(frozen=True)
class UploadPlan:
    """The files of an input, each to be uploaded once, and how to put the URLs back."""

    input: object
    """The input as given; never modified."""
    uploads: tuple[FileUpload, ...]
    """One entry per distinct file object, in the order first found."""

    def __len__(self) -> int:
        return len(self.uploads)

    def with_urls(self, urls: Sequence[str]) -> Any:
        """A copy of the input with ``uploads[i]`` replaced by ``urls[i]`` everywhere.

        Dicts, lists and tuples are copied; other values are shared with the input.
        """
        if len(urls) != len(self.uploads):
            raise InvalidArgumentError(
                f"expected {len(self.uploads)} URL(s), one per upload; got {len(urls)}"
            )
        by_identity = {id(upload.source): url for upload, url in zip(self.uploads, urls)}
        return _rebuild(self.input, by_identity)


def _rebuild(value: object, urls: Mapping[int, str]) -> Any:
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, object]", value)
        return {key: _rebuild(item, urls) for key, item in mapping.items()}
    if isinstance(value, list):
        return [_rebuild(item, urls) for item in cast("list[object]", value)]
    if isinstance(value, tuple):
        return tuple(_rebuild(item, urls) for item in cast("tuple[object, ...]", value))
    url = urls.get(id(value))
    if url is not None:
        return url
    if not isinstance(value, str):
        linked = _is_url_object(value)
        if linked is not None:
            return linked
    return value


def _walk(value: object, location: Location) -> Iterator[tuple[Location, object]]:
    if isinstance(value, Mapping):
        for key, item in cast("Mapping[object, object]", value).items():
            yield from _walk(item, (*location, cast("str", key)))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(cast("Sequence[object]", value)):
            yield from _walk(item, (*location, index))
    elif is_file_input(value):
        yield location, value


def plan_uploads(input: object) -> UploadPlan:
    """Find the files in ``input`` and describe each, without reading them.

    The same object found in several places is one upload.

    Raises:
        FileNotFoundError: a path does not name a readable file; the message
            says where in the input it was.

    Example::

        >>> plan = plan_uploads({"image": b"\\x89PNG\\r\\n\\x1a\\n", "prompt": "a cat"})
        >>> [(u.filename, u.content_type, u.locations) for u in plan.uploads]
        [('file.png', 'image/png', (('image',),))]
        >>> plan.with_urls(["https://example.com/f.png"])
        {'image': 'https://example.com/f.png', 'prompt': 'a cat'}
    """
    found: dict[int, tuple[object, list[Location]]] = {}
    for location, value in _walk(input, ()):
        entry = found.setdefault(id(value), (value, []))
        entry[1].append(location)
    uploads: list[FileUpload] = []
    for value, locations in found.values():
        filename, content_type, size = _describe(value, _where(locations[0]))
        uploads.append(
            FileUpload(
                source=value,
                filename=filename,
                content_type=content_type,
                size=size,
                locations=tuple(locations),
            )
        )
    return UploadPlan(input=input, uploads=tuple(uploads))


@contextlib.contextmanager
def open_binary(upload: FileUpload) -> Generator[IO[bytes], None, None]:
    """The upload's content as a binary stream, for the duration of a ``with`` block.

    A path is opened (and closed afterwards); a caller's handle is used as it
    is and left open; bytes and text in memory are wrapped.
    """
    source: Any = upload.source
    if isinstance(source, os.PathLike):
        with open(cast("os.PathLike[str]", source), "rb") as handle:
            yield handle
    elif _is_bytes_like(source):
        yield io.BytesIO(_bytes_view(source))
    else:
        binary = _binary_view(source)
        if binary is not None:
            yield cast("IO[bytes]", binary)
        else:
            # A text handle with no bytes behind it (StringIO): its text is in memory anyway.
            yield io.BytesIO(str(source.read()).encode("utf-8"))


def iter_file_chunks(upload: FileUpload, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[bytes]:
    """Yield the upload's bytes in chunks of exactly ``chunk_size`` (the last may be shorter).

    Exact sizes hold even when the stream returns short reads, so a
    ``chunk_size`` that is a multiple of 3 gives chunks that base64-encode
    without padding in between.
    """
    if chunk_size <= 0:
        raise InvalidArgumentError(f"chunk_size must be positive; got {chunk_size}")
    source = upload.source
    if _is_bytes_like(source):
        data = _bytes_view(source)
        for start in range(0, data.nbytes, chunk_size):
            yield bytes(data[start : start + chunk_size])
        return
    with open_binary(upload) as stream:
        pending = b""
        while True:
            piece = stream.read(chunk_size - len(pending))
            if not piece:
                break
            pending += piece
            if len(pending) == chunk_size:
                yield pending
                pending = b""
        if pending:
            yield pending


def iter_data_url(upload: FileUpload, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[str]:
    """Yield the pieces of the upload's ``data:`` URL, reading ``chunk_size`` bytes at a time.

    ``chunk_size`` must be a multiple of 3, so that the base64 pieces join
    into one valid encoding.
    """
    if chunk_size <= 0 or chunk_size % 3:
        raise InvalidArgumentError(f"chunk_size must be a positive multiple of 3; got {chunk_size}")
    yield f"data:{upload.content_type};base64,"
    for chunk in iter_file_chunks(upload, chunk_size):
        yield base64.b64encode(chunk).decode("ascii")


def data_url(upload: FileUpload, chunk_size: int = DEFAULT_CHUNK_SIZE) -> str:
    """The upload as a ``data:<type>;base64,...`` URL (the ``"base64"`` file encoding strategy)."""
    return "".join(iter_data_url(upload, chunk_size))


def encode_files_as_data_urls(input: object, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Any:
    """A copy of ``input`` with every file replaced by its ``data:`` URL.

    Example::

        >>> encode_files_as_data_urls({"audio": b"ID3..."})
        {'audio': 'data:audio/mpeg;base64,SUQzLi4u'}
    """
    plan = plan_uploads(input)
    return plan.with_urls([data_url(upload, chunk_size) for upload in plan.uploads])
