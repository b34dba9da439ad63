"""A streaming ``multipart/form-data`` parser: parts are handed over chunk by chunk."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message
from typing import AsyncIterator, Union

from ._http import Problem

__all__ = ["PartData", "PartEnd", "PartStart", "boundary_of", "parse_multipart"]


@dataclass(frozen=True)
class PartStart:
    """A part begins: its form field name, file name (if any) and content type."""

    name: str
    filename: str | None
    content_type: str | None
    headers: dict[str, str] = field(default_factory=dict[str, str])


@dataclass(frozen=True)
class PartData:
    """Some bytes of the current part."""

    data: bytes


@dataclass(frozen=True)
class PartEnd:
    """The current part ended."""


PartEvent = Union[PartStart, PartData, PartEnd]


def boundary_of(content_type: str | None) -> str:
    """The boundary parameter of a ``multipart/form-data`` content type, or a 422 problem."""
    message = Message()
    message["content-type"] = content_type or ""
    if message.get_content_type() != "multipart/form-data":
        raise Problem(422, "Invalid content type", "Upload files as multipart/form-data.")
    boundary = message.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise Problem(422, "Invalid content type", "The multipart content type has no boundary.")
    return boundary


def _part_start(raw_headers: bytes) -> PartStart:
    headers: dict[str, str] = {}
    try:
        text = raw_headers.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(
            422, "Invalid filename", "Part headers, the filename among them, must be UTF-8."
        ) from None
    for line in text.split("\r\n"):
        key, sep, value = line.partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    message = Message()
    message["content-disposition"] = headers.get("content-disposition", "")
    name = message.get_param("name", header="content-disposition")
    filename = message.get_param("filename", header="content-disposition")
    if not isinstance(name, str):
        raise Problem(422, "Invalid multipart body", "A part has no form field name.")
    return PartStart(
        name, filename if isinstance(filename, str) else None, headers.get("content-type"), headers
    )


async def parse_multipart(body: AsyncIterator[bytes], boundary: str) -> AsyncIterator[PartEvent]:
    """Parse ``body`` incrementally, keeping at most one boundary's worth of bytes back."""
    delimiter = b"\r\n--" + boundary.encode()
    buffer = b"\r\n"  # lets the first delimiter match like every later one
    in_part = False
    finished = False
    async for chunk in body:
        if finished:
            continue
        buffer += chunk
        while True:
            if not in_part:
                start = buffer.find(delimiter)
                if start < 0:
                    break
                after = start + len(delimiter)
                if len(buffer) < after + 2:
                    break
                if buffer[after : after + 2] == b"--":
                    finished = True
                    buffer = b""
                    break
                header_end = buffer.find(b"\r\n\r\n", after)
                if header_end < 0:
                    break
                yield _part_start(buffer[after + 2 : header_end])
                buffer = buffer[header_end + 4 :]
                in_part = True
            else:
                end = buffer.find(delimiter)
                if end < 0:
                    keep = len(delimiter)
                    if len(buffer) > keep:
                        yield PartData(buffer[:-keep])
                        buffer = buffer[-keep:]
                    break
                if end > 0:
                    yield PartData(buffer[:end])
                yield PartEnd()
                buffer = buffer[end:]
                in_part = False
    if not finished:
        raise Problem(
            422, "Invalid multipart body", "The multipart body ended before its closing boundary."
        )
